#pragma once
// Reads a screenshot from the desktop clipboard. GLFW only exchanges text, so the image/png
// target of the CLIPBOARD selection is asked for through the usual command-line helpers: wl-paste
// under Wayland, xclip under X11. They are child processes and may wait on the clipboard owner,
// so call read_clipboard_image() from the worker pool, never from the UI thread.
#include <optional>
#include <string>

namespace tftsr::gui {

struct ClipboardTool {
  std::string program;  // "wl-paste" or "xclip"
};

// The helper to use in this session (wl-paste when WAYLAND_DISPLAY is set and it is installed,
// else xclip), or nothing when neither is installed.
std::optional<ClipboardTool> find_clipboard_tool();

// The PNG bytes on the clipboard. Throws Error(NotFound) when the clipboard holds no image and
// Error(Io) when the helper cannot be run.
std::string read_clipboard_image(const ClipboardTool& tool);

// What to tell the user when no helper is installed.
const char* clipboard_tool_missing_message();

}  // namespace tftsr::gui
