#include "app/gui/fonts.h"

#include <fontconfig/fontconfig.h>
#include <imgui.h>
#include <imgui_freetype.h>

#include <string>

namespace tftsr::gui {
namespace {

// Asks fontconfig for `family` and accepts the answer only when it really is that family (or
// when any scalable font will do), since fontconfig always answers with something.
std::optional<std::filesystem::path> match_font(const char* family, bool exact_family) {
  FcConfig* config = FcInitLoadConfigAndFonts();
  if (!config) return std::nullopt;
  std::optional<std::filesystem::path> found;
  FcPattern* pattern = FcNameParse(reinterpret_cast<const FcChar8*>(family));
  FcPatternAddBool(pattern, FC_SCALABLE, FcTrue);
  FcConfigSubstitute(config, pattern, FcMatchPattern);
  FcDefaultSubstitute(pattern);
  FcResult result = FcResultNoMatch;
  if (FcPattern* match = FcFontMatch(config, pattern, &result)) {
    FcChar8* file = nullptr;
    FcChar8* matched_family = nullptr;
    if (FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch &&
        FcPatternGetString(match, FC_FAMILY, 0, &matched_family) == FcResultMatch) {
      std::filesystem::path path(reinterpret_cast<const char*>(file));
      std::string ext = path.extension().string();
      bool loadable = ext == ".ttf" || ext == ".otf" || ext == ".TTF" || ext == ".OTF";
      bool right_family = !exact_family || std::string(reinterpret_cast<const char*>(matched_family)) == family;
      std::error_code ec;
      if (loadable && right_family && std::filesystem::is_regular_file(path, ec)) found = path;
    }
    FcPatternDestroy(match);
  }
  FcPatternDestroy(pattern);
  FcConfigDestroy(config);
  return found;
}

std::optional<std::filesystem::path> first_of(std::initializer_list<const char*> families, const char* generic) {
  for (const char* f : families)
    if (auto p = match_font(f, true)) return p;
  return match_font(generic, false);
}

}  // namespace

std::optional<std::filesystem::path> find_ui_font_file() { return first_of({"DejaVu Sans", "Noto Sans"}, "sans-serif"); }

std::optional<std::filesystem::path> find_mono_font_file() {
  return first_of({"DejaVu Sans Mono", "Noto Sans Mono"}, "monospace");
}

LoadedFonts load_fonts(float size_pixels) {
  ImGuiIO& io = ImGui::GetIO();
  ImFontAtlas* atlas = io.Fonts;
  atlas->Clear();
  atlas->FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
  atlas->FontBuilderFlags = ImGuiFreeTypeBuilderFlags_LightHinting;

  // Latin, Latin-1 supplement, general punctuation (the em dash of the title), arrows, symbols.
  static const ImWchar ranges[] = {0x0020, 0x00FF, 0x0100, 0x017F, 0x2000, 0x206F, 0x2190, 0x21FF,
                                   0x2500, 0x25FF, 0x2600, 0x26FF, 0x2700, 0x27BF, 0};
  LoadedFonts fonts;
  ImFontConfig cfg;
  cfg.OversampleH = 1;
  cfg.OversampleV = 1;
  auto ui_file = find_ui_font_file();
  if (ui_file) fonts.ui = atlas->AddFontFromFileTTF(ui_file->c_str(), size_pixels, &cfg, ranges);
  if (fonts.ui) {
    fonts.from_system = true;
    fonts.heading = atlas->AddFontFromFileTTF(ui_file->c_str(), size_pixels * 1.6f, &cfg, ranges);
    if (auto mono = find_mono_font_file())
      fonts.mono = atlas->AddFontFromFileTTF(mono->c_str(), size_pixels, &cfg, ranges);
  } else {
    ImFontConfig builtin;
    builtin.SizePixels = size_pixels;
    fonts.ui = atlas->AddFontDefault(&builtin);
  }
  if (!fonts.mono) fonts.mono = fonts.ui;
  if (!fonts.heading) fonts.heading = fonts.ui;
  if (!atlas->Build()) {  // a font file that FreeType cannot read: fall back to the built-in one
    atlas->Clear();
    ImFontConfig builtin;
    builtin.SizePixels = size_pixels;
    fonts.ui = fonts.mono = fonts.heading = atlas->AddFontDefault(&builtin);
    fonts.from_system = false;
    atlas->Build();
  }
  io.FontDefault = fonts.ui;
  return fonts;
}

}  // namespace tftsr::gui
