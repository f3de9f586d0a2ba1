#pragma once
// What the desktop front end remembers between runs: window geometry, pane sizes, open tabs,
// theme and font size. Stored as JSON under $XDG_CONFIG_HOME/tftsr (else ~/.config/tftsr),
// next to ImGui's own ini file. Nothing here is secret: incident data stays in the database.
#include <filesystem>
#include <string>
#include <vector>

namespace tftsr::gui {

enum class Theme { Dark, Light };

struct SavedTab {
  std::string kind;  // a kind registered in view_registry.cpp
  std::string id;    // Tab::id: the incident, log or image shown
  std::string pane;  // "centre" or "right"
  bool active = false;  // the tab shown in its pane
};

struct UiConfig {
  int window_x = -1, window_y = -1;  // -1: let the window manager place it
  int window_width = 1280, window_height = 800;
  bool window_size_saved = false;  // false: the first window fits the monitor (fit_window_to_work_area)
  bool window_maximized = false;
  float sidebar_width = 300.0f;
  float inspector_width = 340.0f;
  bool sidebar_collapsed = false;    // the incident list, hidden to give the tabs room
  bool inspector_collapsed = false;  // the right pane
  bool log_wrap = false;             // the log viewer wraps long lines
  bool log_findings_panel = true;    // the log viewer shows its findings panel
  Theme theme = Theme::Dark;
  float font_size = 16.0f;  // in pixels at a content scale of 1
  std::vector<SavedTab> tabs;
};

// $XDG_CONFIG_HOME/tftsr, else $HOME/.config/tftsr.
std::filesystem::path config_dir();

// A missing or unreadable file gives the defaults: a broken preference must not stop the program.
UiConfig load_ui_config(const std::filesystem::path& file);
// Writes atomically (temp file + rename). Throws tftsr::Error(Io) on failure.
void save_ui_config(const UiConfig& config, const std::filesystem::path& file);

float clamp_font_size(float size);

struct WindowSize {
  int width, height;
};
// A first window about 80% of the monitor's work area, never smaller than 640×480 unless the
// work area itself is.
WindowSize fit_window_to_work_area(int work_width, int work_height);

}  // namespace tftsr::gui
