#include "app/gui/views/notifications_view.h"

#include <imgui.h>

namespace tftsr::gui {

void NotificationsView::draw(AppState& state) {
  Notifications& notifications = state.notifications;
  notifications.mark_all_seen();
  if (notifications.all().empty()) {
    ImGui::TextDisabled("No notifications.");
    return;
  }
  if (ImGui::Button("Clear")) {
    notifications.clear();
    return;
  }
  const auto& all = notifications.all();
  for (auto it = all.rbegin(); it != all.rend(); ++it) {
    const char* tag = it->level == NoticeLevel::Error     ? "error"
                      : it->level == NoticeLevel::Warning ? "warning"
                      : it->level == NoticeLevel::Success ? "done"
                                                          : "info";
    ImGui::TextDisabled("[%s]", tag);
    ImGui::SameLine();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(it->title.c_str());
    if (!it->message.empty()) ImGui::TextDisabled("%s", it->message.c_str());
    ImGui::PopTextWrapPos();
    ImGui::Separator();
  }
}

}  // namespace tftsr::gui
