#pragma once
// Finds a UI font, a monospace font and a CJK font through fontconfig and loads them into ImGui's
// atlas with the FreeType rasteriser, the CJK glyphs merged into each; falls back to Latin, Greek
// and Cyrillic only when no CJK font is installed, and to ImGui's built-in font when no font is.
#include <filesystem>
#include <optional>

struct ImFont;

namespace tftsr::gui {

struct LoadedFonts {
  ImFont* ui = nullptr;
  ImFont* mono = nullptr;  // logs and JSON; equals ui when no monospace font was found
  ImFont* heading = nullptr;  // titles and big figures, rasterised large rather than scaled up
  bool from_system = false;
  bool cjk = false;  // a CJK font is merged into the three
};

// Alphabets: Latin, Greek and Cyrillic, fast to build. AllScripts adds Chinese, Japanese and Korean
// (see glyph_ranges.h), which takes several times as long: the window starts with Alphabets and
// rebuilds with AllScripts after its first frame.
enum class FontCoverage { Alphabets, AllScripts };

// One face of a font file; collections (.ttc) hold several.
struct FontFace {
  std::filesystem::path file;
  int index = 0;
};

// The first installed file among DejaVu Sans, Noto Sans and the generic sans-serif (or monospace).
std::optional<std::filesystem::path> find_ui_font_file();
std::optional<std::filesystem::path> find_mono_font_file();
// Noto Sans CJK (SC, JP, KR or TC), the font the PDF export uses for the same text.
std::optional<FontFace> find_cjk_font_face();

// Clears the current atlas of the current ImGui context and loads the fonts at size_pixels.
// The caller re-uploads the font texture when a renderer backend is running.
LoadedFonts load_fonts(float size_pixels, FontCoverage coverage = FontCoverage::AllScripts);

}  // namespace tftsr::gui
