#include "app/gui/views/settings_view.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include "app/gui/ui_probe.h"
#include "app/gui/unlock_screen.h"
#include "app/gui/widgets/passphrase_strength.h"
#include "app/gui/widgets/spinner.h"

namespace tftsr::gui {

void SettingsView::start_rekey(AppState& state) {
  if (new_passphrase_.empty()) {
    message_ = "The new passphrase cannot be empty.";
    message_is_error_ = true;
    return;
  }
  if (new_passphrase_ != confirmation_) {
    message_ = "The two passphrases differ.";
    message_is_error_ = true;
    return;
  }
  state.rekey_running = true;
  message_.clear();
  Triage* triage = state.triage.get();
  std::string passphrase = new_passphrase_;
  wipe(new_passphrase_);
  wipe(confirmation_);
  // Not cancelled with the view: the store is re-keyed, and rekey_running cleared, even when the
  // Settings tab is closed meanwhile; only the message below the form needs the view.
  auto show = jobs_.guard([this](std::string message, bool is_error) {
    message_ = std::move(message);
    message_is_error_ = is_error;
  });
  state.pool.submit(
      "Re-encrypting the database",
      [triage, passphrase, &state, show](JobContext& ctx) mutable -> WorkerPool::Apply {
        ctx.report(-1.0, "re-keying every page");
        triage->change_passphrase(passphrase);
        wipe(passphrase);
        return [&state, show]() mutable {
          state.rekey_running = false;
          show("The passphrase was changed.", false);
          state.notify(NoticeLevel::Success, "Passphrase changed");
          state.changed();
        };
      },
      [&state, show](const JobFailure& f) mutable {
        state.rekey_running = false;
        show("The passphrase was not changed: " + f.message, true);
        state.notify(NoticeLevel::Error, "Passphrase change failed", f.message);
      });
}

void SettingsView::draw(AppState& state) {
  // The AI providers have a section of their own: the general one is long already.
  const bool to_providers = state.requests.show_ai_providers;
  state.requests.show_ai_providers = false;
  if (!ImGui::BeginTabBar("##settings_sections")) return;
  if (ImGui::BeginTabItem("General")) {
    draw_general(state);
    ImGui::EndTabItem();
  }
  if (ImGui::BeginTabItem("AI providers", nullptr, to_providers ? ImGuiTabItemFlags_SetSelected : 0)) {
    providers_.draw(state);
    ImGui::EndTabItem();
  }
  probe::record("settings.ai_providers");
  if (ImGui::BeginTabItem("Local models")) {
    local_models_.draw(state);
    ImGui::EndTabItem();
  }
  probe::record("settings.local_models");
  if (ImGui::BeginTabItem("Integrations")) {
    integrations_.draw(state);
    ImGui::EndTabItem();
  }
  probe::record("settings.integrations");
  ImGui::EndTabBar();
}

void SettingsView::draw_general(AppState& state) {
  ImGui::TextUnformatted("Appearance");
  ImGui::Separator();
  int theme = state.config.theme == Theme::Light ? 1 : 0;
  if (ImGui::RadioButton("Dark", &theme, 0)) state.theme_dirty = true;
  probe::record("settings.theme_dark");
  ImGui::SameLine();
  if (ImGui::RadioButton("Light", &theme, 1)) state.theme_dirty = true;
  probe::record("settings.theme_light");
  state.config.theme = theme == 1 ? Theme::Light : Theme::Dark;
  float size = state.config.font_size;
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12);
  ImGui::SliderFloat("Font size", &size, 10.0f, 32.0f, "%.0f px");
  if (ImGui::IsItemDeactivatedAfterEdit()) {
    state.config.font_size = clamp_font_size(size);
    state.fonts_dirty = true;
  } else if (ImGui::IsItemActive()) {
    state.config.font_size = size;  // shown while dragging, applied on release
  }
  ImGui::TextDisabled("Display scale: %.2f", state.content_scale);

  ImGui::Spacing();
  ImGui::TextUnformatted("Storage");
  ImGui::Separator();
  ImGui::TextDisabled("Data folder");
  ImGui::SameLine();
  ImGui::TextUnformatted(state.data_dir.string().c_str());
  if (state.triage) {
    ImGui::TextDisabled("Database   ");
    ImGui::SameLine();
    ImGui::TextUnformatted(state.triage->database_path().string().c_str());
  }

  ImGui::Spacing();
  detection_.draw(state);

  ImGui::Spacing();
  ImGui::TextUnformatted("Passphrase");
  ImGui::Separator();
  if (state.rekey_running) {
    spinner(ImGui::GetFontSize() * 0.6f);
    ImGui::SameLine();
    ImGui::TextUnformatted("Re-encrypting the database with the new passphrase…");
    return;
  }
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled("Changing it re-encrypts the whole database. The new passphrase cannot be recovered either.");
  ImGui::PopTextWrapPos();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 18);
  ImGui::InputTextWithHint("##new_pass", "New passphrase", &new_passphrase_, ImGuiInputTextFlags_Password);
  probe::record("settings.new_passphrase");
  ImGui::SameLine();
  ImGui::TextDisabled("%s", passphrase_strength(new_passphrase_).label);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 18);
  ImGui::InputTextWithHint("##confirm_pass", "Repeat it", &confirmation_, ImGuiInputTextFlags_Password);
  probe::record("settings.confirm_passphrase");
  ImGui::BeginDisabled(!state.triage);
  if (ImGui::Button("Change passphrase")) start_rekey(state);
  probe::record("settings.change_passphrase");
  ImGui::EndDisabled();
  if (!message_.empty())
    ImGui::TextColored(message_is_error_ ? ImVec4(0.92f, 0.30f, 0.30f, 1.0f) : ImVec4(0.30f, 0.75f, 0.40f, 1.0f), "%s",
                       message_.c_str());
}

}  // namespace tftsr::gui
