// Timings of the image pipeline on a 4K screenshot: decode, thumbnail, burn-in, PNG encode.
// Run a Release build for meaningful figures.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "core/images/image_decoder.h"
#include "core/images/image_renderer.h"

using namespace tftsr;

namespace {

// Flat panels, gradients and dense small "text" strokes: compresses and decodes like a screenshot.
RgbaImage screenshot_like(int width, int height) {
  RgbaImage image{width, height, std::vector<std::uint8_t>(static_cast<std::size_t>(width) * height * 4)};
  std::mt19937 random(7);
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) {
      std::uint8_t* p = &image.pixels[image.offset(x, y)];
      const bool panel = (x / 480 + y / 270) % 2 == 0;
      const bool ink = (y % 18) < 11 && (x % 9) < 5 && (random() % 3) != 0 && (x / 240) % 3 != 2;
      p[0] = ink ? 30 : static_cast<std::uint8_t>(panel ? 245 : 200 + x % 40);
      p[1] = ink ? 30 : static_cast<std::uint8_t>(panel ? 245 : 210);
      p[2] = ink ? 40 : static_cast<std::uint8_t>(panel ? 250 : 220 - y % 30);
      p[3] = 255;
    }
  return image;
}

std::vector<Annotation> typical_annotations() {
  std::vector<Annotation> list;
  auto add = [&](AnnotationKind kind, PointF p1, PointF p2, std::string text = {}) {
    Annotation a;
    a.id = std::string("b").append(std::to_string(list.size() + 1));
    a.kind = kind;
    a.p1 = p1;
    a.p2 = p2;
    a.color = default_color(kind);
    a.stroke_width = 4;
    a.font_size = 28;
    a.text = std::move(text);
    list.push_back(a);
  };
  for (int i = 0; i < 8; ++i) add(AnnotationKind::Rectangle, {100.0 + i * 400, 200}, {400.0 + i * 400, 500});
  for (int i = 0; i < 5; ++i) add(AnnotationKind::Arrow, {3500, 2000}, {300.0 + i * 600, 800});
  for (int i = 0; i < 5; ++i) add(AnnotationKind::TextLabel, {200.0 + i * 700, 1200}, {}, "connection refused at 02:14:07 UTC");
  for (int i = 0; i < 6; ++i) add(AnnotationKind::RedactionBox, {150.0 + i * 600, 1500}, {550.0 + i * 600, 1560});
  add(AnnotationKind::RedactionBox, {0, 0}, {3840, 120});
  return list;
}

// Median wall time of `runs` calls, in milliseconds.
double median_ms(int runs, const std::function<void()>& work) {
  std::vector<double> times;
  for (int i = 0; i < runs; ++i) {
    const auto start = std::chrono::steady_clock::now();
    work();
    times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

}  // namespace

int main() {
  const int width = 3840, height = 2160, runs = 5;
  const RgbaImage source = screenshot_like(width, height);
  const std::string png = encode_png(source);
  std::printf("input: %dx%d screenshot-like PNG, %.1f MiB\n", width, height, png.size() / (1024.0 * 1024.0));

  RgbaImage decoded;
  const double decode = median_ms(runs, [&] { decoded = decode_image(png); });
  if (decoded != source) {
    std::fprintf(stderr, "decoded pixels differ from the source\n");
    return 1;
  }
  const double megapixels = width * static_cast<double>(height) / 1e6;
  std::printf("decode PNG          %8.1f ms  (%.0f Mpx/s)\n", decode, megapixels / (decode / 1000));

  RgbaImage thumb;
  const double thumbnail = median_ms(runs, [&] { thumb = make_thumbnail(decoded, 256); });
  std::printf("thumbnail to %dx%d %8.1f ms\n", thumb.width, thumb.height, thumbnail);

  const auto annotations = typical_annotations();
  RgbaImage burned;
  render_for_export(decoded, {}, {});  // load the label font once, outside the timing
  (void)LabelFont::system_default();
  const double burn = median_ms(runs, [&] { burned = render_for_export(decoded, annotations); });
  std::printf("burn-in %zu marks    %8.1f ms  (copy of the image included)\n", annotations.size(), burn);

  std::string exported;
  const double encode = median_ms(runs, [&] { exported = encode_png(burned); });
  std::printf("encode PNG          %8.1f ms  (%.1f MiB)\n", encode, exported.size() / (1024.0 * 1024.0));
  return 0;
}
