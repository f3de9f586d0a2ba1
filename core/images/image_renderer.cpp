#include "core/images/image_renderer.h"

#include <algorithm>
#include <cmath>

#include "core/error.h"

namespace tftsr {
namespace {

// Pixel range [floor(lo), ceil(hi)) clipped to [0, size): every pixel the span [lo, hi] touches.
std::pair<int, int> touched_pixels(double lo, double hi, int size) {
  const double first = std::clamp(std::floor(lo), 0.0, static_cast<double>(size));
  const double last = std::clamp(std::ceil(hi), 0.0, static_cast<double>(size));
  return {static_cast<int>(first), static_cast<int>(last)};
}

class Canvas {
 public:
  explicit Canvas(RgbaImage& image) : image_(image) {}

  // Source-over blending of `color` at `coverage` (0..1) of the pixel.
  void blend(int x, int y, Color color, double coverage) {
    const double alpha = std::clamp(coverage, 0.0, 1.0) * color.a / 255.0;
    if (alpha <= 0) return;
    std::uint8_t* p = &image_.pixels[image_.offset(x, y)];
    const std::uint8_t source[3] = {color.r, color.g, color.b};
    for (int c = 0; c < 3; ++c) p[c] = static_cast<std::uint8_t>(std::lround(p[c] + (source[c] - p[c]) * alpha));
    p[3] = static_cast<std::uint8_t>(std::lround(p[3] + (255 - p[3]) * alpha));
  }

  // Anti-aliased fill of a box with fractional edges: each pixel gets the share of it covered.
  void fill_box(double left, double top, double right, double bottom, Color color) {
    if (right <= left || bottom <= top) return;
    const auto [x0, x1] = touched_pixels(left, right, image_.width);
    const auto [y0, y1] = touched_pixels(top, bottom, image_.height);
    for (int y = y0; y < y1; ++y) {
      const double cover_y = std::min<double>(y + 1, bottom) - std::max<double>(y, top);
      for (int x = x0; x < x1; ++x) {
        const double cover_x = std::min<double>(x + 1, right) - std::max<double>(x, left);
        blend(x, y, color, cover_x * cover_y);
      }
    }
  }

  // Thick line with round ends; coverage from each pixel centre's distance to the segment.
  void stroke_segment(PointF a, PointF b, double width, Color color) {
    const double reach = width / 2 + 1;
    const auto [y0, y1] = touched_pixels(std::min(a.y, b.y) - reach, std::max(a.y, b.y) + reach, image_.height);
    const double dx = b.x - a.x, dy = b.y - a.y;
    const double length_squared = dx * dx + dy * dy;
    for (int y = y0; y < y1; ++y) {
      // Only the part of the row within `reach` of the segment: points whose y is near the row.
      double t0 = 0, t1 = 1;
      if (dy != 0) {
        t0 = std::clamp((y + 0.5 - reach - a.y) / dy, 0.0, 1.0);
        t1 = std::clamp((y + 0.5 + reach - a.y) / dy, 0.0, 1.0);
      }
      const double xa = a.x + t0 * dx, xb = a.x + t1 * dx;
      const auto [x0, x1] = touched_pixels(std::min(xa, xb) - reach, std::max(xa, xb) + reach, image_.width);
      for (int x = x0; x < x1; ++x) {
        const double px = x + 0.5 - a.x, py = y + 0.5 - a.y;
        const double t = length_squared > 0 ? std::clamp((px * dx + py * dy) / length_squared, 0.0, 1.0) : 0.0;
        const double distance = std::hypot(px - t * dx, py - t * dy);
        blend(x, y, color, width / 2 + 0.5 - distance);
      }
    }
  }

  // Filled triangle; coverage from the signed distance to the nearest edge.
  void fill_triangle(PointF a, PointF b, PointF c, Color color) {
    const PointF corners[3] = {a, b, c};
    const auto [x0, x1] = touched_pixels(std::min({a.x, b.x, c.x}) - 1, std::max({a.x, b.x, c.x}) + 1, image_.width);
    const auto [y0, y1] = touched_pixels(std::min({a.y, b.y, c.y}) - 1, std::max({a.y, b.y, c.y}) + 1, image_.height);
    auto cross = [](PointF p, PointF q, double x, double y) { return (q.x - p.x) * (y - p.y) - (q.y - p.y) * (x - p.x); };
    for (int y = y0; y < y1; ++y)
      for (int x = x0; x < x1; ++x) {
        double outside = -1e9;  // largest distance outside any edge; negative when inside all
        for (int e = 0; e < 3; ++e) {
          const PointF p = corners[e], q = corners[(e + 1) % 3], opposite = corners[(e + 2) % 3];
          const double length = std::hypot(q.x - p.x, q.y - p.y);
          if (length == 0) continue;
          const double inside_sign = cross(p, q, opposite.x, opposite.y) >= 0 ? 1.0 : -1.0;
          outside = std::max(outside, -inside_sign * cross(p, q, x + 0.5, y + 0.5) / length);
        }
        blend(x, y, color, 0.5 - outside);
      }
  }

  void blend_mask(const TextMask& mask, int anchor_x, int anchor_y, Color color) {
    for (int my = 0; my < mask.height; ++my)
      for (int mx = 0; mx < mask.width; ++mx) {
        const std::uint8_t ink = mask.coverage[static_cast<std::size_t>(my) * static_cast<std::size_t>(mask.width) +
                                               static_cast<std::size_t>(mx)];
        const long x = static_cast<long>(anchor_x) + mask.left + mx, y = static_cast<long>(anchor_y) + mask.top + my;
        if (ink == 0 || x < 0 || y < 0 || x >= image_.width || y >= image_.height) continue;
        blend(static_cast<int>(x), static_cast<int>(y), color, ink / 255.0);
      }
  }

  void replace(PixelBox box, Color color) {
    for (int y = box.top; y < box.bottom; ++y)
      for (int x = box.left; x < box.right; ++x) {
        std::uint8_t* p = &image_.pixels[image_.offset(x, y)];
        p[0] = color.r;
        p[1] = color.g;
        p[2] = color.b;
        p[3] = 255;
      }
  }

  int width() const { return image_.width; }
  int height() const { return image_.height; }

 private:
  RgbaImage& image_;
};

void draw_rectangle(Canvas& canvas, const Annotation& a) {
  const RectF r = bounds_of(a);
  if (r.width() <= 0 || r.height() <= 0) return;  // a click without a drag: nothing to outline
  const double half = std::max(a.stroke_width, 0.0) / 2;
  const RectF outer{r.left - half, r.top - half, r.right + half, r.bottom + half};
  const RectF inner{r.left + half, r.top + half, r.right - half, r.bottom - half};
  if (inner.width() <= 0 || inner.height() <= 0) {  // stroke wider than the box: it is all stroke
    canvas.fill_box(outer.left, outer.top, outer.right, outer.bottom, a.color);
    return;
  }
  // Four non-overlapping bands, so translucent colours are not blended twice at the corners.
  canvas.fill_box(outer.left, outer.top, outer.right, inner.top, a.color);
  canvas.fill_box(outer.left, inner.bottom, outer.right, outer.bottom, a.color);
  canvas.fill_box(outer.left, inner.top, inner.left, inner.bottom, a.color);
  canvas.fill_box(inner.right, inner.top, outer.right, inner.bottom, a.color);
}

void draw_arrow(Canvas& canvas, const Annotation& a) {
  const double dx = a.p2.x - a.p1.x, dy = a.p2.y - a.p1.y;
  const double length = std::hypot(dx, dy);
  if (length < 1e-6) return;
  const double ux = dx / length, uy = dy / length;
  const double head_length = std::min(length, std::max(10.0, a.stroke_width * 4));
  const double head_half_width = head_length * 0.5;
  const PointF head_base{a.p2.x - ux * head_length, a.p2.y - uy * head_length};
  // The shaft stops inside the head so its round end does not poke out of the tip.
  const double shaft_end = std::max(0.0, length - head_length * 0.5);
  if (head_length < length) canvas.stroke_segment(a.p1, {a.p1.x + ux * shaft_end, a.p1.y + uy * shaft_end}, a.stroke_width, a.color);
  canvas.fill_triangle(a.p2, {head_base.x - uy * head_half_width, head_base.y + ux * head_half_width},
                       {head_base.x + uy * head_half_width, head_base.y - ux * head_half_width}, a.color);
}

void draw_text(Canvas& canvas, const Annotation& a, const LabelFont& font) {
  if (a.text.empty() || a.font_size <= 0) return;
  // Anchors far outside the image draw nothing; clamping keeps the integer maths in range.
  const double limit = 4.0 * (canvas.width() + canvas.height()) + 4 * a.font_size + 16;
  if (std::abs(a.p1.x) > limit || std::abs(a.p1.y) > limit) return;
  const int anchor_x = static_cast<int>(std::lround(a.p1.x)), anchor_y = static_cast<int>(std::lround(a.p1.y));
  const PixelBox reach{-anchor_x, -anchor_y, canvas.width() - anchor_x, canvas.height() - anchor_y};
  if (reach.empty()) return;
  canvas.blend_mask(font.rasterize(a.text, a.font_size, reach), anchor_x, anchor_y, a.color);
}

}  // namespace

PixelBox redaction_pixels(const Annotation& box, int image_width, int image_height) {
  const RectF r = bounds_of(box);
  if (!(r.width() > 0 && r.height() > 0)) return {};
  const auto [x0, x1] = touched_pixels(r.left, r.right, image_width);
  const auto [y0, y1] = touched_pixels(r.top, r.bottom, image_height);
  return {x0, y0, x1, y1};
}

RgbaImage render_for_export(const RgbaImage& original, const std::vector<Annotation>& annotations,
                            const RenderOptions& options) {
  if (original.width <= 0 || original.height <= 0 ||
      original.pixels.size() != static_cast<std::size_t>(original.width) * static_cast<std::size_t>(original.height) * 4)
    throw Error(ErrorKind::InvalidInput, "cannot export: the image has no pixels or a pixel buffer of the wrong size");
  for (const Annotation& a : annotations) check_annotation_geometry(a);

  RgbaImage out = original;
  Canvas canvas(out);
  std::shared_ptr<const LabelFont> font = options.font;
  for (const Annotation& a : annotations) {
    switch (a.kind) {
      case AnnotationKind::Rectangle: draw_rectangle(canvas, a); break;
      case AnnotationKind::Arrow: draw_arrow(canvas, a); break;
      case AnnotationKind::TextLabel:
        if (!font) font = LabelFont::system_default();
        draw_text(canvas, a, *font);
        break;
      case AnnotationKind::RedactionBox: break;  // below, after everything else
    }
  }
  for (const Annotation& a : annotations)
    if (a.kind == AnnotationKind::RedactionBox) canvas.replace(redaction_pixels(a, out.width, out.height), a.color);
  return out;
}

}  // namespace tftsr
