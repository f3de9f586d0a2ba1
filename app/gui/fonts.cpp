#include "app/gui/fonts.h"

#include <fontconfig/fontconfig.h>
#include <imgui.h>
#include <imgui_freetype.h>
#include <imgui_internal.h>  // ImFileLoadToMemory

#include <cctype>
#include <string>

#include "app/gui/glyph_ranges.h"

namespace tftsr::gui {
namespace {

// Asks fontconfig for `family` and accepts the answer only when it really is that family (or
// when any scalable font will do), since fontconfig always answers with something. Collections
// (.ttc) are accepted with the index of the face fontconfig chose.
std::optional<FontFace> match_font(const char* family, bool exact_family) {
  FcConfig* config = FcInitLoadConfigAndFonts();
  if (!config) return std::nullopt;
  std::optional<FontFace> found;
  FcPattern* pattern = FcNameParse(reinterpret_cast<const FcChar8*>(family));
  FcPatternAddBool(pattern, FC_SCALABLE, FcTrue);
  FcConfigSubstitute(config, pattern, FcMatchPattern);
  FcDefaultSubstitute(pattern);
  FcResult result = FcResultNoMatch;
  if (FcPattern* match = FcFontMatch(config, pattern, &result)) {
    FcChar8* file = nullptr;
    FcChar8* matched_family = nullptr;
    int index = 0;
    if (FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch &&
        FcPatternGetString(match, FC_FAMILY, 0, &matched_family) == FcResultMatch) {
      if (FcPatternGetInteger(match, FC_INDEX, 0, &index) != FcResultMatch) index = 0;
      std::filesystem::path path(reinterpret_cast<const char*>(file));
      std::string ext = path.extension().string();
      for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      bool loadable = ext == ".ttf" || ext == ".otf" || ext == ".ttc" || ext == ".otc";
      bool right_family = !exact_family || std::string(reinterpret_cast<const char*>(matched_family)) == family;
      std::error_code ec;
      if (loadable && right_family && std::filesystem::is_regular_file(path, ec)) found = FontFace{path, index};
    }
    FcPatternDestroy(match);
  }
  FcPatternDestroy(pattern);
  FcConfigDestroy(config);
  return found;
}

std::optional<FontFace> first_of(std::initializer_list<const char*> families, const char* generic) {
  for (const char* f : families)
    if (auto p = match_font(f, true)) return p;
  if (!generic) return std::nullopt;
  return match_font(generic, false);
}

std::optional<std::filesystem::path> file_of(const std::optional<FontFace>& face) {
  if (!face) return std::nullopt;
  return face->file;
}

ImFontConfig font_config(float size_pixels) {
  ImFontConfig cfg;
  cfg.SizePixels = size_pixels;
  cfg.OversampleH = 1;
  cfg.OversampleV = 1;
  return cfg;
}

// Adds the UI, heading and monospace fonts, each with the CJK face merged in when there is one.
// The CJK file (about 20 MB) is read once and shared by the three merges.
LoadedFonts add_fonts(ImFontAtlas* atlas, float size_pixels, const std::optional<FontFace>& cjk) {
  LoadedFonts fonts;
  auto ui_file = find_ui_font_file();
  if (!ui_file) return fonts;
  void* cjk_data = nullptr;
  std::size_t cjk_size = 0;
  if (cjk) cjk_data = ImFileLoadToMemory(cjk->file.c_str(), "rb", &cjk_size);
  bool cjk_owned = false;  // the atlas frees the data with the first merge that owns it
  auto add = [&](const std::filesystem::path& file, float size) -> ImFont* {
    ImFontConfig cfg = font_config(size);
    ImFont* font = atlas->AddFontFromFileTTF(file.c_str(), size, &cfg, alphabet_glyph_ranges());
    if (!font || !cjk_data) return font;
    ImFontConfig merge = font_config(size);
    merge.MergeMode = true;
    merge.FontNo = cjk->index;
    merge.FontDataOwnedByAtlas = !cjk_owned;
    cjk_owned = true;
    atlas->AddFontFromMemoryTTF(cjk_data, static_cast<int>(cjk_size), size, &merge, cjk_glyph_ranges());
    fonts.cjk = true;
    return font;
  };
  fonts.ui = add(*ui_file, size_pixels);
  if (fonts.ui) {
    fonts.from_system = true;
    fonts.heading = add(*ui_file, size_pixels * 1.6f);
    if (auto mono = find_mono_font_file()) fonts.mono = add(*mono, size_pixels);
  }
  if (cjk_data && !cjk_owned) IM_FREE(cjk_data);
  return fonts;
}

LoadedFonts add_builtin_font(ImFontAtlas* atlas, float size_pixels) {
  ImFontConfig builtin;
  builtin.SizePixels = size_pixels;
  LoadedFonts fonts;
  fonts.ui = atlas->AddFontDefault(&builtin);
  return fonts;
}

}  // namespace

std::optional<std::filesystem::path> find_ui_font_file() {
  return file_of(first_of({"DejaVu Sans", "Noto Sans"}, "sans-serif"));
}

std::optional<std::filesystem::path> find_mono_font_file() {
  return file_of(first_of({"DejaVu Sans Mono", "Noto Sans Mono"}, "monospace"));
}

std::optional<FontFace> find_cjk_font_face() {
  // The families the PDF writer asks pango for, in its order; no generic fallback, since any
  // other font fontconfig offers may lack the ideographs.
  return first_of({"Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans CJK KR", "Noto Sans CJK TC"}, nullptr);
}

LoadedFonts load_fonts(float size_pixels, FontCoverage coverage) {
  ImGuiIO& io = ImGui::GetIO();
  ImFontAtlas* atlas = io.Fonts;
  atlas->Clear();
  atlas->FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
  atlas->FontBuilderFlags = ImGuiFreeTypeBuilderFlags_LightHinting;

  std::optional<FontFace> cjk;
  if (coverage == FontCoverage::AllScripts) cjk = find_cjk_font_face();
  LoadedFonts fonts = add_fonts(atlas, size_pixels, cjk);
  bool built = fonts.ui && atlas->Build();
  if (!built && fonts.cjk) {  // a CJK file FreeType cannot read: the other scripts without it
    atlas->Clear();
    fonts = add_fonts(atlas, size_pixels, std::nullopt);
    built = fonts.ui && atlas->Build();
  }
  if (!built) {  // no font installed, or one FreeType cannot read: ImGui's built-in one
    atlas->Clear();
    fonts = add_builtin_font(atlas, size_pixels);
    atlas->Build();
  }
  if (!fonts.mono) fonts.mono = fonts.ui;
  if (!fonts.heading) fonts.heading = fonts.ui;
  io.FontDefault = fonts.ui;
  return fonts;
}

}  // namespace tftsr::gui
