#include "app/gui/views/image_zoom.h"

#include <algorithm>
#include <cmath>

namespace tftsr::gui {

namespace {
ImVec2 centred(ImVec2 canvas, ImVec2 image, float scale) {
  return ImVec2(std::round((canvas.x - image.x * scale) * 0.5f), std::round((canvas.y - image.y * scale) * 0.5f));
}
}  // namespace

void ImageZoom::fit(ImVec2 canvas, ImVec2 image) {
  if (image.x <= 0 || image.y <= 0 || canvas.x <= 0 || canvas.y <= 0) return;
  scale = std::clamp(std::min(canvas.x / image.x, canvas.y / image.y), kMinScale, kMaxScale);
  offset = centred(canvas, image, scale);
  fitted = true;
}

void ImageZoom::actual_size(ImVec2 canvas, ImVec2 image) {
  scale = 1.0f;
  offset = centred(canvas, image, scale);
  fitted = false;
}

void ImageZoom::zoom_at(ImVec2 anchor, float factor) {
  float next = std::clamp(scale * factor, kMinScale, kMaxScale);
  // Stepping across 100% lands on it exactly: the pixel-exact view is one notch away.
  if ((scale < 1.0f && next > 1.0f) || (scale > 1.0f && next < 1.0f) || std::fabs(next - 1.0f) < 0.03f) next = 1.0f;
  const PointF fixed = to_image(anchor);
  scale = next;
  offset = ImVec2(std::round(anchor.x - static_cast<float>(fixed.x) * scale),
                  std::round(anchor.y - static_cast<float>(fixed.y) * scale));
  fitted = false;
}

void ImageZoom::pan(ImVec2 delta) {
  offset = ImVec2(std::round(offset.x + delta.x), std::round(offset.y + delta.y));
  fitted = false;
}

ImVec2 ImageZoom::to_canvas(PointF p) const {
  return ImVec2(offset.x + static_cast<float>(p.x) * scale, offset.y + static_cast<float>(p.y) * scale);
}

PointF ImageZoom::to_image(ImVec2 c) const {
  return PointF{(c.x - offset.x) / static_cast<double>(scale), (c.y - offset.y) / static_cast<double>(scale)};
}

}  // namespace tftsr::gui
