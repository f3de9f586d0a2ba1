#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "core/error.h"
#include "core/images/image_decoder.h"
#include "core/images/image_renderer.h"
#include "core/images/label_font.h"
#include "image_fixtures.h"

using namespace tftsr;

namespace {

Annotation make(AnnotationKind kind, PointF p1, PointF p2, Color color, double stroke = 3) {
  static int counter = 0;
  Annotation a;
  a.id = std::string("t").append(std::to_string(++counter));
  a.kind = kind;
  a.p1 = p1;
  a.p2 = p2;
  a.color = color;
  a.stroke_width = stroke;
  return a;
}

Annotation label(PointF at, const std::string& text, double size, Color color) {
  Annotation a = make(AnnotationKind::TextLabel, at, at, color);
  a.text = text;
  a.font_size = size;
  return a;
}

bool inside(PixelBox box, int x, int y) { return x >= box.left && x < box.right && y >= box.top && y < box.bottom; }

bool same_pixel(const RgbaImage& a, const RgbaImage& b, int x, int y) {
  for (int c = 0; c < 4; ++c)
    if (a.pixels[a.offset(x, y) + static_cast<std::size_t>(c)] != b.pixels[b.offset(x, y) + static_cast<std::size_t>(c)]) return false;
  return true;
}

bool has_color(const RgbaImage& image, int x, int y, Color c) {
  const std::uint8_t* p = &image.pixels[image.offset(x, y)];
  return p[0] == c.r && p[1] == c.g && p[2] == c.b && p[3] == c.a;
}

// Pixels that differ from the original, and whether all of them lie inside `allowed`.
struct Changes {
  int count = 0;
  bool all_inside = true;
};
Changes changes(const RgbaImage& before, const RgbaImage& after, PixelBox allowed) {
  Changes result;
  for (int y = 0; y < before.height; ++y)
    for (int x = 0; x < before.width; ++x)
      if (!same_pixel(before, after, x, y)) {
        ++result.count;
        if (!inside(allowed, x, y)) result.all_inside = false;
      }
  return result;
}

}  // namespace

TEST_CASE("burn-in: every pixel under a redaction box is the fill, every other pixel is untouched") {
  const RgbaImage original = test::noise_image(120, 80, 30);
  const std::vector<Annotation> boxes = {
      make(AnnotationKind::RedactionBox, {10, 10}, {40, 30}, {0, 0, 0, 255}),
      make(AnnotationKind::RedactionBox, {100, 60}, {150, 100}, {10, 20, 30, 0}),  // half outside; alpha ignored
      make(AnnotationKind::RedactionBox, {70, 50}, {60, 40}, {0, 0, 0, 255}),      // dragged up-left
      make(AnnotationKind::RedactionBox, {5, 70}, {5, 75}, {0, 0, 0, 255}),        // zero width: nothing
      make(AnnotationKind::RedactionBox, {20.5, 50.2}, {30.4, 60.6}, {255, 255, 255, 255}),  // fractional edges
      make(AnnotationKind::RedactionBox, {-50, -50}, {-10, -10}, {0, 0, 0, 255}),  // wholly outside
  };
  CHECK(redaction_pixels(boxes[0], 120, 80) == PixelBox{10, 10, 40, 30});
  CHECK(redaction_pixels(boxes[1], 120, 80) == PixelBox{100, 60, 120, 80});
  CHECK(redaction_pixels(boxes[2], 120, 80) == PixelBox{60, 40, 70, 50});
  CHECK(redaction_pixels(boxes[3], 120, 80).empty());
  CHECK(redaction_pixels(boxes[4], 120, 80) == PixelBox{20, 50, 31, 61});
  CHECK(redaction_pixels(boxes[5], 120, 80).empty());

  const RgbaImage out = render_for_export(original, boxes);
  REQUIRE(out.width == 120);
  REQUIRE(out.height == 80);
  int redacted = 0;
  for (int y = 0; y < 80; ++y)
    for (int x = 0; x < 120; ++x) {
      const Annotation* cover = nullptr;
      for (const Annotation& b : boxes)
        if (inside(redaction_pixels(b, 120, 80), x, y)) cover = &b;
      if (cover) {
        ++redacted;
        CHECK(has_color(out, x, y, {cover->color.r, cover->color.g, cover->color.b, 255}));
      } else {
        CHECK(same_pixel(original, out, x, y));
      }
    }
  CHECK(redacted == 30 * 20 + 20 * 20 + 10 * 10 + 11 * 11);
}

TEST_CASE("burn-in: redaction boxes win over everything drawn, whatever the order") {
  const RgbaImage original = test::noise_image(100, 100, 31);
  std::vector<Annotation> annotations = {make(AnnotationKind::RedactionBox, {20, 20}, {80, 80}, {0, 0, 0, 255})};
  annotations.push_back(make(AnnotationKind::Rectangle, {10, 10}, {90, 90}, {255, 0, 0, 255}, 30));
  annotations.push_back(make(AnnotationKind::Arrow, {0, 0}, {60, 60}, {0, 255, 0, 255}, 12));
  annotations.push_back(label({25, 40}, "SECRET TOKEN", 30, {255, 255, 255, 255}));
  const RgbaImage out = render_for_export(original, annotations);
  for (int y = 20; y < 80; ++y)
    for (int x = 20; x < 80; ++x) CHECK(has_color(out, x, y, {0, 0, 0, 255}));
}

TEST_CASE("burn-in: a rectangle outlines its box and touches nothing else") {
  const RgbaImage white = test::solid_image(100, 100, 255, 255, 255);
  const Color red{255, 0, 0, 255};
  const RgbaImage out = render_for_export(white, {make(AnnotationKind::Rectangle, {20, 20}, {80, 60}, red, 4)});
  CHECK(has_color(out, 50, 19, red));  // top edge: stroke spans y 18..22
  CHECK(has_color(out, 50, 21, red));
  CHECK(has_color(out, 79, 40, red));  // right edge
  CHECK(has_color(out, 18, 18, red));  // corner
  CHECK(has_color(out, 50, 40, {255, 255, 255, 255}));  // inside
  CHECK(has_color(out, 50, 23, {255, 255, 255, 255}));
  const Changes c = changes(white, out, {18, 18, 82, 62});
  CHECK(c.count == 64 * 44 - 56 * 36);
  CHECK(c.all_inside);

  // Dragging from the other corner draws the same outline; a click without a drag draws nothing.
  CHECK(render_for_export(white, {make(AnnotationKind::Rectangle, {80, 60}, {20, 20}, red, 4)}) == out);
  CHECK(render_for_export(white, {make(AnnotationKind::Rectangle, {30, 30}, {30, 30}, red, 4)}) == white);
}

TEST_CASE("burn-in: an arrow draws a shaft and a head and stays near its line") {
  const RgbaImage white = test::solid_image(100, 100, 255, 255, 255);
  const Color blue{0, 0, 255, 255};
  const RgbaImage out = render_for_export(white, {make(AnnotationKind::Arrow, {10, 50}, {90, 50}, blue, 4)});
  CHECK(has_color(out, 30, 49, blue));  // shaft
  CHECK(has_color(out, 30, 50, blue));
  CHECK(has_color(out, 84, 50, blue));  // head
  CHECK(has_color(out, 80, 47, blue));  // head is wider than the shaft (rows 48..51)
  CHECK(has_color(out, 30, 47, {255, 255, 255, 255}));
  CHECK(has_color(out, 30, 45, {255, 255, 255, 255}));
  const Changes c = changes(white, out, {7, 41, 92, 60});
  CHECK(c.count > 80 * 4);
  CHECK(c.all_inside);
  CHECK(render_for_export(white, {make(AnnotationKind::Arrow, {40, 40}, {40, 40}, blue, 4)}) == white);
}

TEST_CASE("burn-in: text labels draw with the system font and the built-in one") {
  const RgbaImage white = test::solid_image(240, 100, 255, 255, 255);
  for (const auto& font : {LabelFont::system_default(), LabelFont::builtin()}) {
    CAPTURE(font->is_builtin());
    RenderOptions options;
    options.font = font;
    const RgbaImage out = render_for_export(white, {label({20, 30}, "Disk full 98%", 24, {0, 0, 0, 255})}, options);
    const Changes c = changes(white, out, {18, 28, 20 + 13 * 24, 30 + 36});
    CHECK(c.count > 100);
    CHECK(c.all_inside);
    // Non-ASCII and broken UTF-8 draw something and never crash.
    const RgbaImage other = render_for_export(white, {label({5, 5}, "n\u00f8de \xff\xfe\n\u65e5\u672c", 20, {0, 0, 0, 255})}, options);
    CHECK(changes(white, other, {0, 0, 240, 100}).count > 0);
  }
}

TEST_CASE("burn-in: labels far outside or huge cost nothing and change nothing outside") {
  const RgbaImage white = test::solid_image(64, 64, 255, 255, 255);
  CHECK(render_for_export(white, {label({5000, 5000}, "far away", 20, {0, 0, 0, 255})}) == white);
  CHECK(render_for_export(white, {label({-900000, 10}, "far away", 20, {0, 0, 0, 255})}) == white);
  const RgbaImage huge = render_for_export(white, {label({-10, -300}, std::string(4096, 'W'), 1000, {0, 0, 0, 255})});
  CHECK(huge.width == 64);
  CHECK(changes(white, huge, {0, 0, 64, 64}).count > 0);
}

TEST_CASE("burn-in: the exported PNG decodes to exactly the rendered pixels") {
  const RgbaImage original = test::noise_image(90, 70, 32);
  const RgbaImage out = render_for_export(original, {make(AnnotationKind::RedactionBox, {5, 5}, {30, 30}, {0, 0, 0, 255}),
                                                     make(AnnotationKind::Arrow, {40, 60}, {80, 10}, {255, 0, 0, 200}, 5)});
  CHECK(decode_image(encode_png(out)) == out);
}

TEST_CASE("burn-in: bad input is refused rather than half drawn") {
  const RgbaImage image = test::noise_image(10, 10, 33);
  Annotation broken = make(AnnotationKind::RedactionBox, {0, 0}, {std::nan(""), 5}, {0, 0, 0, 255});
  CHECK_THROWS_AS(render_for_export(image, {broken}), Error);
  Annotation giant = label({0, 0}, "x", 1e9, {0, 0, 0, 255});
  CHECK_THROWS_WITH_AS(render_for_export(image, {giant}), doctest::Contains("the font size must be 4 to 1000 pixels"), Error);
  Annotation far = make(AnnotationKind::Rectangle, {0, 0}, {1e7, 5}, {0, 0, 0, 255});
  CHECK_THROWS_AS(render_for_export(image, {far}), Error);
  CHECK_THROWS_AS(render_for_export(RgbaImage{}, {}), Error);
  CHECK(render_for_export(image, {}) == image);
}

TEST_CASE("label font: loading refuses what is not a font") {
  try {
    LabelFont::from_ttf_file(std::string(TFTSR_TEST_DATA_DIR) + "/images/text_named.png");
    FAIL("loaded a text file as a font");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::InvalidInput);
  }
  try {
    LabelFont::from_ttf_file(std::string(TFTSR_TEST_DATA_DIR) + "/images/no-such-font.ttf");
    FAIL("loaded a missing font");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::Io);
  }
}

TEST_CASE("label font: masks stay inside the clip box") {
  for (const auto& font : {LabelFont::system_default(), LabelFont::builtin()}) {
    const TextMask mask = font->rasterize("Hello\nworld", 30, {5, 5, 40, 50});
    CHECK(mask.left >= 5);
    CHECK(mask.top >= 5);
    CHECK(mask.left + mask.width <= 40);
    CHECK(mask.top + mask.height <= 50);
    CHECK(mask.coverage.size() == static_cast<std::size_t>(mask.width) * static_cast<std::size_t>(mask.height));
    int inked = 0;
    for (auto v : mask.coverage) inked += v > 0;
    CHECK(inked > 0);
  }
}
