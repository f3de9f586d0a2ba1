#pragma once
// Every message shown as a toast since the program started, newest first.
#include "app/gui/widgets/notifications.h"

namespace tftsr::gui {

void draw_notifications_view(Notifications& notifications);

}  // namespace tftsr::gui
