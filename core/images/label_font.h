#pragma once
// Turns the text of a label into a coverage mask, with a TrueType font from the system when there
// is one (found through fontconfig) and a tiny built-in bitmap font when there is none, so that
// export works on a bare machine too.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/images/pixel_box.h"

namespace tftsr {

struct TextMask {
  int left = 0;  // where the mask's first pixel lies, relative to the anchor
  int top = 0;
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> coverage;  // width * height, 0 = empty, 255 = fully inked
};

class LabelFont {
 public:
  // The system sans-serif font, else the built-in one; looked up once per process.
  static std::shared_ptr<const LabelFont> system_default();
  // Throws Error(Io) when the file cannot be read, Error(InvalidInput) when it is not a font.
  static std::shared_ptr<const LabelFont> from_ttf_file(const std::string& path);
  static std::shared_ptr<const LabelFont> builtin();

  ~LabelFont();
  LabelFont(const LabelFont&) = delete;
  LabelFont& operator=(const LabelFont&) = delete;

  bool is_builtin() const { return face_ == nullptr; }

  // Lays out UTF-8 text ('\n' breaks lines) about line_height pixels per line from the anchor,
  // keeping only what falls inside `clip` (anchor-relative pixels: the part of the image the label
  // can reach), so a huge label never costs more memory than the image itself.
  TextMask rasterize(std::string_view utf8, double line_height, PixelBox clip) const;

 private:
  struct TrueTypeFace;
  explicit LabelFont(std::unique_ptr<TrueTypeFace> face);
  TextMask rasterize_truetype(std::string_view utf8, double line_height, PixelBox clip) const;
  TextMask rasterize_builtin(std::string_view utf8, double line_height, PixelBox clip) const;

  std::unique_ptr<TrueTypeFace> face_;  // null: the built-in bitmap font
};

}  // namespace tftsr
