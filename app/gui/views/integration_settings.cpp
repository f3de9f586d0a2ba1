#include "app/gui/views/integration_settings.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <chrono>
#include <vector>

#include "app/gui/job_progress.h"
#include "app/gui/ui_probe.h"
#include "app/gui/unlock_screen.h"

namespace tftsr::gui {

namespace {
using namespace integrations;

struct Loaded {
  std::vector<IntegrationStatus> statuses;
  std::vector<integrations::IntegrationSettings> settings;  // of the configured services
};

void optional_field(const char* label, std::optional<std::string>& value) {
  std::string text = value.value_or("");
  if (ImGui::InputText(label, &text)) value = text.empty() ? std::nullopt : std::optional<std::string>(text);
}
}  // namespace

bool IntegrationSettings::busy() const {
  for (const auto& f : forms_)
    if (f.job != 0) return true;
  return false;
}

void IntegrationSettings::load(AppState& state) {
  loaded_ = true;
  for (Service s : kServices) forms_[index(s)].settings.service = s;
  Triage* triage = state.triage.get();
  jobs_.run(
      state.pool, "Reading the integration settings",
      [triage](JobContext&) {
        Loaded l;
        l.statuses = triage->integrations().statuses();
        for (const auto& st : l.statuses)
          if (st.configured) l.settings.push_back(triage->integrations().settings(st.service));
        return l;
      },
      [this](Loaded l) {
        for (const auto& st : l.statuses) forms_[index(st.service)].status = st;
        for (const auto& s : l.settings) forms_[index(s.service)].settings = s;
      });
}

void IntegrationSettings::finish(Form& f, std::string message, bool is_error) {
  f.job = 0;
  f.message = std::move(message);
  f.message_is_error = is_error;
}

void IntegrationSettings::save(AppState& state, Form& f) {
  Triage* triage = state.triage.get();
  auto settings = f.settings;
  std::string token = f.token;
  wipe(f.token);
  f.message = "Saving...";
  f.message_is_error = false;
  f.job = jobs_.run(
      state.pool, "Saving the " + service_name(settings.service) + " settings",
      [triage, settings, token](JobContext&) mutable {
        struct WipeAtExit {
          std::string& s;
          ~WipeAtExit() { wipe(s); }
        } wipe_token{token};  // also when saving throws
        auto stored = triage->integrations().configure(settings);
        if (!token.empty() && settings.auth == AuthKind::Token) triage->integrations().set_token(settings.service, token);
        return stored;
      },
      [this, &f](integrations::IntegrationSettings stored) {
        f.settings = stored;
        f.status.configured = true;
        finish(f, "Saved.", false);
        loaded_ = false;  // the credential state changed
      },
      [this, &f](const JobFailure& e) { finish(f, e.message, true); });
  wipe(token);
}

void IntegrationSettings::sign_in(AppState& state, Form& f) {
  Triage* triage = state.triage.get();
  const Service s = f.settings.service;
  f.message = "Waiting for the browser...";
  f.message_is_error = false;
  f.job = jobs_.run(
      state.pool, "Signing in to " + service_name(s),
      [triage, s](JobContext& ctx) {
        triage->integrations().sign_in(s, open_in_system_browser, std::chrono::minutes(5), progress_of(ctx));
      },
      [this, &f] {
        finish(f, "Signed in.", false);
        loaded_ = false;
      },
      [this, &f](const JobFailure& e) {
        finish(f, e.kind == ErrorKind::Cancelled ? "The sign-in was cancelled." : e.message,
               e.kind != ErrorKind::Cancelled);
      });
}

void IntegrationSettings::test(AppState& state, Form& f) {
  Triage* triage = state.triage.get();
  const Service s = f.settings.service;
  f.message = "Connecting...";
  f.message_is_error = false;
  f.job = jobs_.run(
      state.pool, "Testing " + service_name(s),
      [triage, s](JobContext& ctx) {
        return triage->integrations().test(s, progress_of(ctx));
      },
      [this, &f](ConnectionCheck c) { finish(f, c.host + ": " + c.summary, false); },
      [this, &f](const JobFailure& e) {
        finish(f, e.kind == ErrorKind::Cancelled ? "Cancelled." : e.message, e.kind != ErrorKind::Cancelled);
      });
}

void IntegrationSettings::draw_form(AppState& state, Form& f) {
  const Service s = f.settings.service;
  const std::string id = service_id(s);
  ImGui::PushID(id.c_str());
  const float width = ImGui::GetFontSize() * 28;
  ImGui::TextDisabled("%s", f.status.has_credential
                                ? (f.status.expires_at ? ("Credential stored, expires " + *f.status.expires_at + " UTC").c_str()
                                                       : "Credential stored")
                                : (f.status.configured ? "No credential yet" : "Not set up"));
  ImGui::SetNextItemWidth(width);
  ImGui::InputTextWithHint("Base URL", s == Service::Confluence   ? "https://acme.atlassian.net/wiki"
                                       : s == Service::ServiceNow ? "https://acme.service-now.com"
                                                                  : "https://dev.azure.com/acme",
                           &f.settings.base_url);
  probe::record("integrations." + id + ".url");
  if (s != Service::AzureDevOps) {
    ImGui::SetNextItemWidth(width);
    optional_field(s == Service::Confluence ? "E-mail / user name" : "User name", f.settings.username);
    probe::record("integrations." + id + ".username");
  }
  if (s == Service::AzureDevOps) {
    ImGui::SetNextItemWidth(width);
    optional_field("Project", f.settings.project);
    probe::record("integrations." + id + ".project");
  }
  if (s == Service::Confluence) {
    ImGui::SetNextItemWidth(width);
    optional_field("Default space key", f.settings.space_key);
    probe::record("integrations." + id + ".space");
  }
  if (s != Service::Confluence) {
    ImGui::Checkbox("Create a ticket for every new incident", &f.settings.auto_create);
    probe::record("integrations." + id + ".auto_create");
  }
  int auth = f.settings.auth == AuthKind::OAuth ? 1 : 0;
  ImGui::RadioButton(s == Service::AzureDevOps ? "Personal access token" : s == Service::ServiceNow ? "Password" : "API token",
                     &auth, 0);
  ImGui::SameLine();
  ImGui::RadioButton("OAuth 2.0", &auth, 1);
  f.settings.auth = auth == 1 ? AuthKind::OAuth : AuthKind::Token;
  if (f.settings.auth == AuthKind::Token) {
    ImGui::SetNextItemWidth(width);
    ImGui::InputTextWithHint("Token", f.status.has_credential ? "stored; type to replace" : "", &f.token,
                             ImGuiInputTextFlags_Password);
    probe::record("integrations." + id + ".token");
  } else {
    ImGui::SetNextItemWidth(width);
    ImGui::InputText("Client id", &f.settings.oauth.client_id);
    ImGui::SetNextItemWidth(width);
    ImGui::InputText("Authorization endpoint", &f.settings.oauth.authorize_url);
    ImGui::SetNextItemWidth(width);
    ImGui::InputText("Token endpoint", &f.settings.oauth.token_url);
    ImGui::SetNextItemWidth(width);
    ImGui::InputText("Scope", &f.settings.oauth.scope);
  }
  const bool running = f.job != 0;
  ImGui::BeginDisabled(running);
  if (ImGui::Button("Save")) save(state, f);
  probe::record("integrations." + id + ".save");
  ImGui::SameLine();
  ImGui::BeginDisabled(!f.status.configured || f.settings.auth != AuthKind::OAuth);
  if (ImGui::Button("Sign in")) sign_in(state, f);
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(!f.status.configured);
  if (ImGui::Button("Test connection")) test(state, f);
  probe::record("integrations." + id + ".test");
  ImGui::EndDisabled();
  ImGui::EndDisabled();
  if (running) {
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) state.pool.cancel(f.job);
    probe::record("integrations." + id + ".cancel");
  }
  if (!f.message.empty()) {
    if (f.message_is_error) ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.95f, 0.4f, 0.35f, 1.0f));
    ImGui::TextWrapped("%s", f.message.c_str());
    if (f.message_is_error) ImGui::PopStyleColor();
  }
  ImGui::PopID();
}

void IntegrationSettings::draw(AppState& state) {
  if (!loaded_ && !busy()) load(state);
  ImGui::TextWrapped(
      "Publish documents to Confluence and mirror incidents as ServiceNow incidents or Azure DevOps work items. "
      "Tokens are sealed in the encrypted database; everything sent passes the PII check and is audited.");
  for (Service s : kServices) {
    ImGui::Spacing();
    if (ImGui::CollapsingHeader(service_name(s).c_str(), ImGuiTreeNodeFlags_DefaultOpen)) draw_form(state, forms_[index(s)]);
  }
}

}  // namespace tftsr::gui
