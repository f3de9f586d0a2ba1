#pragma once
// Finds a UI font and a monospace font through fontconfig and loads both into ImGui's atlas with
// the FreeType rasteriser; falls back to ImGui's built-in font when none is installed.
#include <filesystem>
#include <optional>

struct ImFont;

namespace tftsr::gui {

struct LoadedFonts {
  ImFont* ui = nullptr;
  ImFont* mono = nullptr;  // logs and JSON; equals ui when no monospace font was found
  ImFont* heading = nullptr;  // titles and big figures, rasterised large rather than scaled up
  bool from_system = false;
};

// The first installed file among DejaVu Sans, Noto Sans and the generic sans-serif (or monospace).
std::optional<std::filesystem::path> find_ui_font_file();
std::optional<std::filesystem::path> find_mono_font_file();

// Clears the current atlas of the current ImGui context and loads both fonts at size_pixels.
// The caller re-uploads the font texture when a renderer backend is running.
LoadedFonts load_fonts(float size_pixels);

}  // namespace tftsr::gui
