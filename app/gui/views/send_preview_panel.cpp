#include "app/gui/views/send_preview_panel.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "app/gui/ui_probe.h"
#include "core/integrations/oauth_client.h"

namespace tftsr::gui {

std::string masked_summary(const integrations::SendPreview& preview) {
  if (preview.masked == 0) return "No personal data or secrets found: the text leaves as it is.";
  std::string out = std::to_string(preview.masked) + (preview.masked == 1 ? " finding" : " findings") + " masked:";
  bool first = true;
  for (const auto& [type, count] : preview.masked_by_type) {
    out += (first ? " " : ", ") + type + " " + std::to_string(count);
    first = false;
  }
  return out;
}

void draw_send_preview(const integrations::SendPreview& preview, float height, const std::string& probe_key) {
  ImGui::TextWrapped("%s", masked_summary(preview).c_str());
  probe::record(probe_key + ".summary");
  // A copy: the box is read-only, but ImGui wants a string it may point into.
  std::string shown = preview.title + "\n\n" + preview.text;
  if (height < 0)
    height = std::max(ImGui::GetContentRegionAvail().y + height, ImGui::GetTextLineHeightWithSpacing() * 4.0f);
  ImGui::InputTextMultiline(("##" + probe_key).c_str(), &shown, ImVec2(-1.0f, height), ImGuiInputTextFlags_ReadOnly);
  probe::record(probe_key);
}

float below_preview(bool error, bool result) {
  const ImGuiStyle& style = ImGui::GetStyle();
  float h = style.ItemSpacing.y * 2.0f + 1.0f + ImGui::GetFrameHeightWithSpacing();  // separator, buttons
  if (error) h += ImGui::GetTextLineHeightWithSpacing() * 3.0f;
  if (result) h += ImGui::GetTextLineHeightWithSpacing() + ImGui::GetFrameHeightWithSpacing();
  return h;
}

void draw_job_progress(AppState& state, JobId job, const std::string& probe_key) {
  double fraction = -1.0;
  std::string note;
  for (const auto& j : state.pool.jobs())
    if (j.id == job) {
      fraction = j.progress;
      note = j.note;
    }
  const std::string overlay = fraction >= 0 ? std::to_string(static_cast<int>(fraction * 100)) + " %  " + note : note;
  ImGui::ProgressBar(fraction >= 0 ? static_cast<float>(fraction) : 0.0f, ImVec2(ImGui::GetFontSize() * 20.0f, 0),
                     overlay.c_str());
  probe::record(probe_key + ".progress");
  ImGui::SameLine();
  if (ImGui::Button("Cancel")) state.pool.cancel(job);
  probe::record(probe_key + ".cancel");
}

void draw_remote_link(const std::string& url, const std::string& probe_key) {
  if (url.empty()) return;
  if (ImGui::SmallButton(url.c_str())) integrations::open_in_system_browser(url);
  probe::record(probe_key);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Open in the browser");
  ImGui::SameLine();
  if (ImGui::SmallButton("Copy link")) ImGui::SetClipboardText(url.c_str());
}

bool begin_send_dialog(const char* popup, bool& request_open, bool& open, float height_em, bool sending,
                       bool& keep_open) {
  if (request_open) {
    ImGui::OpenPopup(popup);
    request_open = false;
    open = true;
  }
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(
      ImVec2(ImGui::GetFontSize() * 46.0f, std::min(vp->Size.y * 0.85f, ImGui::GetFontSize() * height_em)),
      ImGuiCond_Appearing);
  return ImGui::BeginPopupModal(popup, sending ? nullptr : &keep_open, ImGuiWindowFlags_NoSavedSettings);
}

void draw_send_error(const std::string& error, const std::string& probe_key) {
  if (error.empty()) return;
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextColored(kSendErrorColour, "%s", error.c_str());
  ImGui::PopTextWrapPos();
  probe::record(probe_key);
}

}  // namespace tftsr::gui
