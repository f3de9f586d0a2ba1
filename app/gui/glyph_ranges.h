#pragma once
// Which code points the font atlas holds. ImGui 1.86 rasterises every glyph up front (no glyph is
// added on demand), and the text of the store is not known before the atlas is built, so the
// ranges are fixed here.
#include <imgui.h>

namespace tftsr::gui {

// Latin with its supplements, Greek, Cyrillic, punctuation, arrows, box drawing and symbols: the
// scripts DejaVu covers itself, cheap enough to build before the first frame.
const ImWchar* alphabet_glyph_ranges();

// What the CJK font adds: CJK punctuation, kana, full-width forms, the 2,500 common Simplified
// Chinese and 2,999 Japanese Joyo / Jinmeiyo ideographs (overlapping: about 3,500 together) and
// the 2,350 Hangul syllables of KS X 1001. The full sets (about 21,000 ideographs and 11,172
// syllables) would make a 4096 x 4096 atlas, 64 MiB as the RGBA texture, and twice the build
// time, for characters that are rare in incident text; a rarer character shows as '?'.
const ImWchar* cjk_glyph_ranges();

}  // namespace tftsr::gui
