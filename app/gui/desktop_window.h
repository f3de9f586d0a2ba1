#pragma once
// The desktop window: GLFW (X11) with an OpenGL 3.3 core context, ImGui's glfw and opengl3
// backends, fonts at the monitor's content scale, and event-driven waiting.
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "app/gui/fonts.h"
#include "app/gui/input_queue.h"
#include "app/gui/ui_config.h"

struct GLFWwindow;

namespace tftsr::gui {

class DesktopWindow {
 public:
  // Throws tftsr::Error(Internal) when no window or GL 3.3 context can be created.
  DesktopWindow(const UiConfig& config, const std::filesystem::path& ini_file);
  ~DesktopWindow();
  DesktopWindow(const DesktopWindow&) = delete;
  DesktopWindow& operator=(const DesktopWindow&) = delete;

  // Blocks until an event arrives (idle), or waits at most one frame (continuous work).
  void wait(bool continuous);
  void poll();  // takes the pending events without waiting
  // Input is still queued for ImGui: the caller keeps drawing frames until it is all delivered.
  bool input_pending() const { return !input_.empty(); }
  static void wake();  // thread-safe: makes wait() return
  bool close_requested() const;

  // Rebuilds the font atlas and its texture (font size or content scale changed).
  LoadedFonts rebuild_fonts(float font_size, FontCoverage coverage);
  float content_scale() const;
  bool content_scale_changed();

  void begin_frame();
  void end_frame(const std::filesystem::path* screenshot);
  void remember_geometry(UiConfig& config) const;

  // Files dropped on the window since the last call.
  std::vector<std::filesystem::path> take_dropped_files();

 private:
  GLFWwindow* window_ = nullptr;
  std::string ini_file_;  // ImGui keeps a pointer to it
  float scale_ = 1.0f;
  bool frame_begun_ = false;  // the renderer has its device objects, so the atlas pixels are not needed again
  std::vector<std::filesystem::path> dropped_;
  InputQueue input_;

  friend struct WindowCallbacks;
};

}  // namespace tftsr::gui
