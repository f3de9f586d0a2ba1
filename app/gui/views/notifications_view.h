#pragma once
// Every message shown as a toast since the program started, newest first.
#include "app/gui/tab_view.h"
#include "app/gui/widgets/notifications.h"

namespace tftsr::gui {

class NotificationsView : public TabView {
 public:
  static constexpr const char* kKind = "notifications";
  explicit NotificationsView(AppState&) {}

  std::string title(const AppState&) const override { return "Notifications"; }
  void draw(AppState& state) override;
};

}  // namespace tftsr::gui
