#pragma once
// The window's icon at run time (the .desktop file's icon is the desktop's business): the PNG
// sizes of assets/icons, built into the binary.
struct GLFWwindow;

namespace tftsr::gui {

// Best effort: a platform without window icons (Wayland) just keeps its own.
void set_window_icon(GLFWwindow* window);

}  // namespace tftsr::gui
