#include "app/gui/unlock_screen.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "app/gui/ui_probe.h"
#include "core/store/data_dir.h"
#include "app/gui/widgets/passphrase_strength.h"
#include "app/gui/widgets/spinner.h"

namespace tftsr::gui {

void wipe(std::string& secret) {
  std::fill(secret.begin(), secret.end(), '\0');
  secret.clear();
}

bool UnlockScreen::first_run(const AppState& state) {
  std::error_code ec;
  return !std::filesystem::exists(state.data_dir / kDatabaseFileName, ec);
}

void UnlockScreen::start_unlock(AppState& state, const std::string& passphrase) {
  working_ = true;
  error_.clear();
  auto dir = state.data_dir;
  state.pool.submit(
      "Unlocking the database",
      [dir, passphrase, &state, this](JobContext& ctx) -> WorkerPool::Apply {
        ctx.report(-1.0, "deriving the key");
        // std::function must be copyable, so the unique owner travels inside a shared holder.
        auto opened = std::make_shared<std::unique_ptr<Triage>>(Triage::open(dir, passphrase));
        return [opened, &state, this] {
          state.triage = std::move(*opened);
          working_ = false;
          state.changed();
        };
      },
      [this](const JobFailure& f) {
        working_ = false;
        focus_field_ = true;
        error_ = f.kind == ErrorKind::WrongKey ? "Wrong passphrase. Try again." : f.message;
      });
}

void UnlockScreen::draw(AppState& state) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  ImGui::Begin("##unlock", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus);
  const float width = std::min(460.0f * ImGui::GetFontSize() / 16.0f, vp->WorkSize.x - 40.0f);
  ImGui::SetCursorPos(ImVec2((vp->WorkSize.x - width) * 0.5f, vp->WorkSize.y * 0.22f));
  ImGui::BeginChild("##unlock_card", ImVec2(width, 0), false, ImGuiWindowFlags_AlwaysAutoResize);
  ImGui::PushFont(state.heading_font);
  ImGui::TextUnformatted("TFTSR");
  ImGui::PopFont();
  ImGui::TextDisabled("Troubleshooting and RCA Assistant");
  ImGui::Spacing();
  ImGui::Separator();
  ImGui::Spacing();
  if (working_) {
    spinner(ImGui::GetFontSize() * 0.7f);
    ImGui::SameLine();
    ImGui::TextUnformatted("Unlocking the encrypted database…");
  } else {
    draw_form(state, first_run(state));
  }
  ImGui::EndChild();
  ImGui::End();
}

void UnlockScreen::draw_form(AppState& state, bool creating) {
  ImGui::PushTextWrapPos(0.0f);
  if (creating) {
    ImGui::TextUnformatted("Welcome. Choose a passphrase to encrypt your incident data.");
    ImGui::TextColored(ImVec4(0.95f, 0.65f, 0.15f, 1.0f),
                       "It cannot be recovered: if you forget it, the data is lost.");
  } else {
    ImGui::TextUnformatted("Enter your passphrase to unlock the database.");
  }
  ImGui::TextDisabled("Data folder: %s", state.data_dir.string().c_str());
  ImGui::PopTextWrapPos();
  ImGui::Spacing();

  ImGui::SetNextItemWidth(-1);
  if (focus_field_) {
    ImGui::SetKeyboardFocusHere();
    focus_field_ = false;
  }
  bool submit = ImGui::InputTextWithHint("##passphrase", "Passphrase", &passphrase_,
                                         ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
  probe::record("unlock.passphrase");
  if (creating) {
    auto strength = passphrase_strength(passphrase_);
    ImGui::ProgressBar(strength.score / 4.0f, ImVec2(-1, ImGui::GetFontSize() * 0.4f), "");
    ImGui::TextDisabled("Strength: %s", strength.label);
    ImGui::SetNextItemWidth(-1);
    submit |= ImGui::InputTextWithHint("##confirmation", "Repeat the passphrase", &confirmation_,
                                       ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
    probe::record("unlock.confirmation");
  }
  if (!error_.empty()) ImGui::TextColored(ImVec4(0.92f, 0.30f, 0.30f, 1.0f), "%s", error_.c_str());
  ImGui::Spacing();
  submit |= ImGui::Button(creating ? "Create database" : "Unlock", ImVec2(-1, 0));
  probe::record("unlock.submit");
  if (!submit) return;

  if (passphrase_.empty()) {
    error_ = "The passphrase cannot be empty.";
  } else if (creating && passphrase_ != confirmation_) {
    error_ = "The two passphrases differ.";
    focus_field_ = true;
  } else {
    start_unlock(state, passphrase_);
  }
  wipe(passphrase_);
  wipe(confirmation_);
}

}  // namespace tftsr::gui
