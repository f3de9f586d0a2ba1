#include "core/images/label_font.h"

#include <stb/stb_truetype.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>

#include "core/error.h"

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wsign-compare"
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#include <stb/stb_easy_font.h>  // header-only: all static functions, no implementation macro
#pragma GCC diagnostic pop

namespace tftsr {

struct LabelFont::TrueTypeFace {
  std::string bytes;  // stbtt_fontinfo points into these
  stbtt_fontinfo info{};
};

namespace {

constexpr std::size_t kMaxFontFileBytes = 64 * 1024 * 1024;

// Decodes UTF-8 into code points; malformed sequences become U+FFFD instead of failing, since a
// label is the user's own text and must always draw.
std::vector<std::vector<int>> decode_lines(std::string_view text) {
  std::vector<std::vector<int>> lines(1);
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    int length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
    int codepoint = 0xFFFD;
    if (length == 0 || i + static_cast<std::size_t>(length) > text.size()) {
      length = 1;
    } else {
      codepoint = length == 1 ? lead : lead & (0x7F >> length);
      for (int k = 1; k < length; ++k) {
        const auto next = static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]);
        if ((next & 0xC0) != 0x80) {
          codepoint = 0xFFFD;
          length = k;
          break;
        }
        codepoint = (codepoint << 6) | (next & 0x3F);
      }
    }
    i += static_cast<std::size_t>(length);
    if (codepoint == '\n') {
      lines.emplace_back();
    } else if (codepoint != '\r') {
      lines.back().push_back(codepoint);
    }
  }
  return lines;
}

PixelBox intersect(PixelBox a, PixelBox b) {
  PixelBox r{std::max(a.left, b.left), std::max(a.top, b.top), std::min(a.right, b.right), std::min(a.bottom, b.bottom)};
  if (r.right < r.left) r.right = r.left;
  if (r.bottom < r.top) r.bottom = r.top;
  return r;
}


TextMask empty_mask(PixelBox box) {
  TextMask mask;
  mask.left = box.left;
  mask.top = box.top;
  mask.width = box.right - box.left;
  mask.height = box.bottom - box.top;
  mask.coverage.assign(static_cast<std::size_t>(mask.width) * static_cast<std::size_t>(mask.height), 0);
  return mask;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorKind::Io, "cannot open the font file " + path);
  std::string bytes;
  in.seekg(0, std::ios::end);
  const auto size = static_cast<std::streamoff>(in.tellg());
  if (size < 0 || static_cast<std::uint64_t>(size) > kMaxFontFileBytes)
    throw Error(ErrorKind::InvalidInput, "the font file " + path + " is not a usable font (too large)");
  in.seekg(0);
  bytes.resize(static_cast<std::size_t>(size));
  if (!in.read(bytes.data(), size)) throw Error(ErrorKind::Io, "cannot read the font file " + path);
  return bytes;
}

// Asks fontconfig for the file behind "DejaVu Sans" (or its substitute) without linking it in.
std::string fontconfig_sans_file() {
  FILE* pipe = popen("fc-match -f '%{file}' 'DejaVu Sans' 2>/dev/null", "r");
  if (!pipe) return {};
  std::string path;
  std::array<char, 512> chunk{};
  while (std::size_t n = std::fread(chunk.data(), 1, chunk.size(), pipe)) path.append(chunk.data(), n);
  pclose(pipe);
  return path;
}

}  // namespace

LabelFont::LabelFont(std::unique_ptr<TrueTypeFace> face) : face_(std::move(face)) {}
LabelFont::~LabelFont() = default;

std::shared_ptr<const LabelFont> LabelFont::builtin() {
  return std::shared_ptr<const LabelFont>(new LabelFont(nullptr));
}

std::shared_ptr<const LabelFont> LabelFont::from_ttf_file(const std::string& path) {
  auto face = std::make_unique<TrueTypeFace>();
  face->bytes = read_file(path);
  const auto* data = reinterpret_cast<const unsigned char*>(face->bytes.data());
  const int offset = stbtt_GetFontOffsetForIndex(data, 0);
  if (face->bytes.size() < 12 || offset < 0 || !stbtt_InitFont(&face->info, data, offset))
    throw Error(ErrorKind::InvalidInput, "the file " + path + " is not a TrueType or OpenType font");
  return std::shared_ptr<const LabelFont>(new LabelFont(std::move(face)));
}

std::shared_ptr<const LabelFont> LabelFont::system_default() {
  static const std::shared_ptr<const LabelFont> font = [] {
    const std::string candidates[] = {
        fontconfig_sans_file(),
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/TTF/DejaVuSans.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    };
    for (const std::string& path : candidates) {
      if (path.empty()) continue;
      try {
        return from_ttf_file(path);
      } catch (const Error&) {
        // try the next one; the built-in font is the last resort
      }
    }
    return builtin();
  }();
  return font;
}

TextMask LabelFont::rasterize(std::string_view utf8, double line_height, PixelBox clip) const {
  if (!std::isfinite(line_height) || line_height <= 0) throw Error(ErrorKind::InvalidInput, "font size must be positive");
  return face_ ? rasterize_truetype(utf8, line_height, clip) : rasterize_builtin(utf8, line_height, clip);
}

TextMask LabelFont::rasterize_truetype(std::string_view utf8, double line_height, PixelBox clip) const {
  const stbtt_fontinfo& info = face_->info;
  const float scale = stbtt_ScaleForPixelHeight(&info, static_cast<float>(line_height));
  int ascent = 0, descent = 0, line_gap = 0;
  stbtt_GetFontVMetrics(&info, &ascent, &descent, &line_gap);
  const double advance_y = (ascent - descent + line_gap) * static_cast<double>(scale);

  struct Placed {
    int codepoint;
    float shift_x;  // sub-pixel position of the pen
    PixelBox box;   // where its bitmap lands, anchor-relative
  };
  std::vector<Placed> glyphs;
  PixelBox ink{0, 0, 0, 0};
  bool any = false;
  const auto lines = decode_lines(utf8);
  for (std::size_t line = 0; line < lines.size(); ++line) {
    const double baseline = ascent * static_cast<double>(scale) + static_cast<double>(line) * advance_y;
    if (baseline - line_height > clip.bottom) break;  // everything further down is clipped away
    double pen = 0;
    int previous = 0;
    for (int codepoint : lines[line]) {
      if (previous) pen += stbtt_GetCodepointKernAdvance(&info, previous, codepoint) * static_cast<double>(scale);
      previous = codepoint;
      int advance = 0, left_bearing = 0;
      stbtt_GetCodepointHMetrics(&info, codepoint, &advance, &left_bearing);
      const double origin = std::floor(pen);
      const auto shift_x = static_cast<float>(pen - origin);
      int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
      stbtt_GetCodepointBitmapBoxSubpixel(&info, codepoint, scale, scale, shift_x, 0, &x0, &y0, &x1, &y1);
      pen += advance * static_cast<double>(scale);
      if (pen > clip.right + line_height && origin > clip.right) break;  // rest of the line is off to the right
      if (x1 <= x0 || y1 <= y0) continue;  // blank glyph (space)
      const int ox = static_cast<int>(origin), oy = static_cast<int>(std::lround(baseline));
      const PixelBox box{ox + x0, oy + y0, ox + x1, oy + y1};
      if (intersect(box, clip).empty()) continue;
      glyphs.push_back({codepoint, shift_x, box});
      ink = any ? PixelBox{std::min(ink.left, box.left), std::min(ink.top, box.top), std::max(ink.right, box.right),
                           std::max(ink.bottom, box.bottom)}
                : box;
      any = true;
    }
  }
  if (!any) return TextMask{};

  TextMask mask = empty_mask(intersect(ink, clip));
  std::vector<unsigned char> bitmap;
  for (const Placed& g : glyphs) {
    const int w = g.box.right - g.box.left, h = g.box.bottom - g.box.top;
    bitmap.assign(static_cast<std::size_t>(w) * static_cast<std::size_t>(h), 0);
    stbtt_MakeCodepointBitmapSubpixel(&info, bitmap.data(), w, h, w, scale, scale, g.shift_x, 0, g.codepoint);
    const PixelBox visible = intersect(g.box, PixelBox{mask.left, mask.top, mask.left + mask.width, mask.top + mask.height});
    for (int y = visible.top; y < visible.bottom; ++y)
      for (int x = visible.left; x < visible.right; ++x) {
        // Overlapping glyphs (kerned pairs) share pixels: keep the darker ink, never add.
        auto& out = mask.coverage[static_cast<std::size_t>(y - mask.top) * static_cast<std::size_t>(mask.width) +
                                  static_cast<std::size_t>(x - mask.left)];
        out = std::max(out, bitmap[static_cast<std::size_t>(y - g.box.top) * static_cast<std::size_t>(w) +
                                   static_cast<std::size_t>(x - g.box.left)]);
      }
  }
  return mask;
}

TextMask LabelFont::rasterize_builtin(std::string_view utf8, double line_height, PixelBox clip) const {
  // The bitmap font knows printable ASCII only; anything else shows as '?'.
  std::string ascii;
  const auto lines = decode_lines(utf8);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) ascii += '\n';
    for (int codepoint : lines[i]) ascii += (codepoint >= 32 && codepoint < 127) ? static_cast<char>(codepoint) : '?';
  }
  // Its glyphs are built of axis-aligned quads on a 12-unit line.
  const double scale = line_height / 12.0;
  std::vector<char> vertices(ascii.size() * 1024 + 64);  // about 270 bytes a character on average
  const int quads = stb_easy_font_print(0, 0, ascii.data(), nullptr, vertices.data(), static_cast<int>(vertices.size()));

  struct Quad {
    double left, top, right, bottom;
  };
  std::vector<Quad> rects;
  PixelBox ink{0, 0, 0, 0};
  bool any = false;
  for (int q = 0; q < quads; ++q) {
    float xs[4], ys[4];
    for (int v = 0; v < 4; ++v) {
      const char* vertex = vertices.data() + (static_cast<std::size_t>(q) * 4 + static_cast<std::size_t>(v)) * 16;
      std::memcpy(&xs[v], vertex, sizeof(float));
      std::memcpy(&ys[v], vertex + 4, sizeof(float));
    }
    const Quad r{*std::min_element(xs, xs + 4) * scale, *std::min_element(ys, ys + 4) * scale,
                 *std::max_element(xs, xs + 4) * scale, *std::max_element(ys, ys + 4) * scale};
    const PixelBox box{static_cast<int>(std::floor(r.left)), static_cast<int>(std::floor(r.top)),
                       static_cast<int>(std::ceil(r.right)), static_cast<int>(std::ceil(r.bottom))};
    if (intersect(box, clip).empty()) continue;
    rects.push_back(r);
    ink = any ? PixelBox{std::min(ink.left, box.left), std::min(ink.top, box.top), std::max(ink.right, box.right),
                         std::max(ink.bottom, box.bottom)}
              : box;
    any = true;
  }
  if (!any) return TextMask{};

  TextMask mask = empty_mask(intersect(ink, clip));
  for (const Quad& r : rects) {
    const PixelBox box = intersect(PixelBox{static_cast<int>(std::floor(r.left)), static_cast<int>(std::floor(r.top)),
                                            static_cast<int>(std::ceil(r.right)), static_cast<int>(std::ceil(r.bottom))},
                                   PixelBox{mask.left, mask.top, mask.left + mask.width, mask.top + mask.height});
    for (int y = box.top; y < box.bottom; ++y) {
      const double cover_y = std::min<double>(y + 1, r.bottom) - std::max<double>(y, r.top);
      for (int x = box.left; x < box.right; ++x) {
        const double cover_x = std::min<double>(x + 1, r.right) - std::max<double>(x, r.left);
        auto& out = mask.coverage[static_cast<std::size_t>(y - mask.top) * static_cast<std::size_t>(mask.width) +
                                  static_cast<std::size_t>(x - mask.left)];
        out = static_cast<std::uint8_t>(std::min(255.0, out + 255.0 * std::clamp(cover_x * cover_y, 0.0, 1.0)));
      }
    }
  }
  return mask;
}

}  // namespace tftsr
