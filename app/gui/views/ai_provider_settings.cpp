#include "app/gui/views/ai_provider_settings.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include "app/gui/ui_probe.h"
#include "app/gui/unlock_screen.h"
#include "app/gui/widgets/spinner.h"
#include "core/net/http_url.h"

namespace tftsr::gui {

namespace {
const ImVec4 kErrorColour(0.92f, 0.30f, 0.30f, 1.0f);
const ImVec4 kOkColour(0.30f, 0.75f, 0.40f, 1.0f);


// A labelled text field of the form; probe key "ai.form.<key>".
void field(const char* label, const char* key, std::string* value, const char* hint = "", ImGuiInputTextFlags flags = 0) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(label);
  ImGui::SameLine(ImGui::GetFontSize() * 9.0f);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 22.0f);
  ImGui::InputTextWithHint((std::string("##") + key).c_str(), hint, value, flags);
  probe::record(std::string("ai.form.") + key);
}
}  // namespace

std::optional<ConnectionTest> AiProviderSettings::test_result(const std::string& name) const {
  auto it = tests_.find(name);
  if (it == tests_.end() || it->second.running) return std::nullopt;
  return it->second.result;
}

void AiProviderSettings::load(AppState& state) {
  if (loaded_version_ == state.data_version || state.rekey_running) return;
  loaded_version_ = state.data_version;
  try {
    providers_ = state.triage->ai().providers();
    load_error_.clear();
  } catch (const Error& e) {
    load_error_ = e.what();
  }
}

void AiProviderSettings::draw(AppState& state) {
  ImGui::TextUnformatted("AI providers");
  ImGui::Separator();
  if (!state.triage) return;
  load(state);
  ImGui::PushID("ai_providers");
  if (!load_error_.empty()) ImGui::TextColored(kErrorColour, "%s", load_error_.c_str());
  draw_list(state);
  if (!form_.open) {
    if (ImGui::Button("Add a provider…")) start_add();
    probe::record("ai.add_provider");
  } else {
    draw_form(state);
  }
  ImGui::PopID();
}

void AiProviderSettings::draw_list(AppState& state) {
  if (providers_.empty()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("No provider yet. Add one to chat with an AI model about an incident: a cloud service "
                        "(OpenAI, Azure OpenAI, Anthropic, Gemini, Mistral) or a model on this machine (Ollama, "
                        "LM Studio, vLLM). Keys are stored encrypted.");
    ImGui::PopTextWrapPos();
    return;
  }
  // One block per provider rather than a table: the settings pane is often narrow, and a row of
  // seven columns clipped every field to a few letters.
  for (const ProviderSummary& p : providers_) {
    const std::string& name = p.config.name;
    ImGui::PushID(p.id.c_str());
    ImGui::Separator();
    bool active = p.is_active;
    if (ImGui::RadioButton("##active", active) && !active) {
      try {
        state.triage->ai().use_provider(name);
        action_error_.clear();
        state.changed();
      } catch (const Error& e) {
        action_error_ = e.what();
      }
    }
    probe::record("ai.use:" + name);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip(active ? "The active provider" : "Make it the active provider");
    ImGui::SameLine();
    ImGui::TextUnformatted(name.c_str());
    probe::record("ai.provider:" + name);
    if (active) {
      ImGui::SameLine();
      ImGui::TextDisabled("(active)");
    }
    ImGui::Indent(ImGui::GetFrameHeightWithSpacing());
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s  ·  %s  ·  %s  ·  key %s", std::string(ai::kind_id(p.config.kind)).c_str(),
                        p.config.model.c_str(), net::display_host(p.config.url).c_str(),
                        p.has_api_key ? p.masked_api_key.c_str() : "none");
    ImGui::PopTextWrapPos();
    if (ImGui::SmallButton("Edit")) start_edit(p);
    probe::record("ai.edit:" + name);
    ImGui::SameLine();
    Test& t = tests_[name];
    ImGui::BeginDisabled(t.running);
    if (ImGui::SmallButton(t.running ? "Testing…" : "Test connection")) test(state, name);
    ImGui::EndDisabled();
    probe::record("ai.test:" + name);
    ImGui::SameLine();
    if (ImGui::SmallButton("Delete…")) confirm_delete_ = name;
    probe::record("ai.delete:" + name);
    if (t.running) {
      spinner(ImGui::GetFontSize() * 0.3f);
      ImGui::SameLine();
      ImGui::TextDisabled("Testing the connection…");
    } else if (!t.result.message.empty()) {
      ImGui::PushTextWrapPos(0.0f);
      ImGui::TextColored(t.result.ok ? kOkColour : kErrorColour, "%s", t.result.message.c_str());
      ImGui::PopTextWrapPos();
      probe::record("ai.test_result:" + name);
    }
    ImGui::Unindent(ImGui::GetFrameHeightWithSpacing());
    ImGui::PopID();
  }
  ImGui::Separator();
  if (!action_error_.empty()) ImGui::TextColored(kErrorColour, "%s", action_error_.c_str());

  if (confirm_delete_) ImGui::OpenPopup("Delete provider");
  if (ImGui::BeginPopupModal("Delete provider", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::Text("Delete the provider %s and its stored key?", confirm_delete_.value_or("").c_str());
    ImGui::TextDisabled("Its conversations stay, without a provider.");
    if (ImGui::Button("Delete")) {
      try {
        state.triage->ai().remove_provider(*confirm_delete_);
        tests_.erase(*confirm_delete_);
        action_error_.clear();
        state.changed();
      } catch (const Error& e) {
        action_error_ = e.what();
      }
      confirm_delete_.reset();
      ImGui::CloseCurrentPopup();
    }
    probe::record("ai.confirm_delete");
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) {
      confirm_delete_.reset();
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
}

void AiProviderSettings::start_add() {
  form_ = Form{};
  form_.open = true;
  form_.config.url = std::string(ai::default_url(form_.config.kind));
  form_.key_change = static_cast<int>(KeyChange::Replace);
  form_error_.clear();
}

void AiProviderSettings::start_edit(const ProviderSummary& p) {
  form_ = Form{};
  form_.open = true;
  form_.editing = p.config.name;
  form_.config = p.config;
  form_.had_key = p.has_api_key;
  form_.masked_key = p.masked_api_key;
  form_.key_change = static_cast<int>(p.has_api_key ? KeyChange::Keep : KeyChange::Replace);
  form_error_.clear();
}

void AiProviderSettings::draw_form(AppState& state) {
  ai::ProviderConfig& c = form_.config;
  ImGui::Spacing();
  ImGui::TextUnformatted(form_.editing.empty() ? "New provider" : ("Edit " + form_.editing).c_str());
  field("Name", "name", &c.name, "e.g. OpenAI work account");

  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Kind");
  ImGui::SameLine(ImGui::GetFontSize() * 9.0f);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 22.0f);
  if (ImGui::BeginCombo("##kind", std::string(ai::kind_id(c.kind)).c_str())) {
    for (ai::ProviderKind kind : ai::all_provider_kinds()) {
      const std::string id(ai::kind_id(kind));
      if (ImGui::Selectable(id.c_str(), kind == c.kind) && kind != c.kind) {
        // A URL still at the old kind's default follows the kind.
        if (c.url.empty() || c.url == ai::default_url(c.kind)) c.url = std::string(ai::default_url(kind));
        c.kind = kind;
      }
      probe::record("ai.form.kind:" + id);
    }
    ImGui::EndCombo();
  }
  probe::record("ai.form.kind");

  field("URL", "url", &c.url, "https://… or http://localhost:…");
  field(c.kind == ai::ProviderKind::AzureOpenAi ? "Deployment" : "Model", "model", &c.model, "e.g. gpt-4o-mini");

  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("API key");
  ImGui::SameLine(ImGui::GetFontSize() * 9.0f);
  if (!form_.editing.empty()) {
    ImGui::RadioButton(form_.had_key ? ("Keep " + form_.masked_key).c_str() : "Keep (none)", &form_.key_change,
                       static_cast<int>(KeyChange::Keep));
    probe::record("ai.form.key_keep");
    ImGui::SameLine();
    ImGui::RadioButton("Replace", &form_.key_change, static_cast<int>(KeyChange::Replace));
    probe::record("ai.form.key_replace");
    ImGui::SameLine();
    ImGui::BeginDisabled(!form_.had_key);
    ImGui::RadioButton("Remove", &form_.key_change, static_cast<int>(KeyChange::Remove));
    ImGui::EndDisabled();
    probe::record("ai.form.key_remove");
    if (form_.key_change == static_cast<int>(KeyChange::Replace)) ImGui::SetCursorPosX(ImGui::GetFontSize() * 9.0f + ImGui::GetStyle().WindowPadding.x);
  }
  if (form_.key_change == static_cast<int>(KeyChange::Replace)) {
    if (form_.editing.empty()) ImGui::SameLine(ImGui::GetFontSize() * 9.0f);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 22.0f);
    ImGui::InputTextWithHint("##key", ai::requires_api_key(c.kind) ? "required" : "optional for this kind", &form_.api_key,
                             ImGuiInputTextFlags_Password);
    probe::record("ai.form.key");
  }

  if (ImGui::TreeNode("Advanced")) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Max tokens");
    ImGui::SameLine(ImGui::GetFontSize() * 9.0f);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8.0f);
    ImGui::InputInt("##max_tokens", &c.max_tokens, 256, 1024);
    probe::record("ai.form.max_tokens");
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Temperature");
    ImGui::SameLine(ImGui::GetFontSize() * 9.0f);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8.0f);
    ImGui::InputDouble("##temperature", &c.temperature, 0.1, 0.5, "%.2f");
    probe::record("ai.form.temperature");
    field("Auth header", "auth_header", &c.auth_header, "the kind's usual header");
    field("Auth prefix", "auth_prefix", &c.auth_prefix, "e.g. Bearer");
    field("Endpoint path", "endpoint_path", &c.endpoint_path, "the kind's usual path");
    if (c.kind == ai::ProviderKind::AzureOpenAi)
      field("API version", "api_version", &c.api_version, std::string(ai::kDefaultAzureApiVersion).c_str());
    ImGui::TreePop();
  }

  if (ImGui::Button(form_.editing.empty() ? "Add provider" : "Save changes")) save(state);
  probe::record("ai.form.save");
  ImGui::SameLine();
  if (ImGui::Button("Cancel")) {
    wipe(form_.api_key);
    form_ = Form{};
    form_error_.clear();
  }
  probe::record("ai.form.cancel");
  if (!form_error_.empty()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(kErrorColour, "%s", form_error_.c_str());
    ImGui::PopTextWrapPos();
  }
  probe::record("ai.form.error");
}

void AiProviderSettings::save(AppState& state) {
  ai::ProviderConfig config = form_.config;
  const auto change = static_cast<KeyChange>(form_.key_change);
  config.api_key = change == KeyChange::Replace ? form_.api_key : std::string();
  try {
    AiService& ai = state.triage->ai();
    if (form_.editing.empty())
      ai.add_provider(config);
    else
      ai.update_provider(form_.editing, config, change);
    wipe(config.api_key);
    wipe(form_.api_key);
    form_ = Form{};
    form_error_.clear();
    state.changed();
  } catch (const Error& e) {
    wipe(config.api_key);
    form_error_ = e.what();
  }
}

void AiProviderSettings::test(AppState& state, const std::string& name) {
  Test& t = tests_[name];
  t.running = true;
  t.result = {};
  Triage* triage = state.triage.get();
  try {
    jobs_.run(
        state.pool, "Testing " + name,
        [triage, name](JobContext& ctx) { return triage->ai().test_provider(name, [&ctx] { return ctx.cancelled(); }); },
        [this, name](ConnectionTest result) {
          tests_[name] = Test{false, std::move(result)};
        },
        [this, name](const JobFailure& f) {
          tests_[name] = Test{false, ConnectionTest{false, f.message, 0}};
        });
  } catch (const Error& e) {
    t = Test{false, ConnectionTest{false, e.what(), 0}};
  }
}

}  // namespace tftsr::gui
