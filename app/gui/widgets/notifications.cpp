#include "app/gui/widgets/notifications.h"

#include <imgui.h>

#include <algorithm>
#include <string>

namespace tftsr::gui {

void Notifications::push(NoticeLevel level, std::string title, std::string message, double now) {
  items_.push_back({level, std::move(title), std::move(message), now});
}

void Notifications::clear() {
  items_.clear();
  seen_ = 0;
}

bool Notifications::toast_visible(double now) const {
  return std::any_of(items_.begin(), items_.end(), [&](const Notice& n) { return now - n.created < kToastSeconds; });
}

static ImVec4 level_colour(NoticeLevel level) {
  switch (level) {
    case NoticeLevel::Success: return ImVec4(0.30f, 0.75f, 0.40f, 1.0f);
    case NoticeLevel::Warning: return ImVec4(0.95f, 0.65f, 0.15f, 1.0f);
    case NoticeLevel::Error: return ImVec4(0.92f, 0.30f, 0.30f, 1.0f);
    case NoticeLevel::Info: break;
  }
  return ImVec4(0.40f, 0.65f, 0.95f, 1.0f);
}

void Notifications::draw_toasts(double now, float bottom_margin) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float pad = ImGui::GetStyle().WindowPadding.x;
  float y = vp->WorkPos.y + vp->WorkSize.y - bottom_margin - pad;
  int shown = 0;
  for (std::size_t i = items_.size(); i-- > 0 && shown < 4;) {
    const Notice& n = items_[i];
    double age = now - n.created;
    if (age >= kToastSeconds) continue;
    float alpha = age > kToastSeconds - 1.0 ? static_cast<float>(kToastSeconds - age) : 1.0f;
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x - pad, y), ImGuiCond_Always, ImVec2(1.0f, 1.0f));
    ImGui::SetNextWindowBgAlpha(0.95f * alpha);
    ImGui::SetNextWindowSizeConstraints(ImVec2(260, 0), ImVec2(460, 400));
    std::string name = "##toast" + std::to_string(i);
    ImGui::PushStyleVar(ImGuiStyleVar_Alpha, alpha);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 6.0f);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 1.0f);
    if (ImGui::Begin(name.c_str(), nullptr,
                     ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                         ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav)) {
      ImGui::PushTextWrapPos(440.0f);
      ImGui::TextColored(level_colour(n.level), "%s", n.title.c_str());
      if (!n.message.empty()) ImGui::TextUnformatted(n.message.c_str());
      ImGui::PopTextWrapPos();
      y -= ImGui::GetWindowHeight() + pad * 0.5f;
      if (ImGui::IsWindowHovered() && ImGui::IsMouseClicked(0)) items_[i].created = now - kToastSeconds;  // dismiss
    }
    ImGui::End();
    ImGui::PopStyleVar(3);
    ++shown;
  }
}

}  // namespace tftsr::gui
