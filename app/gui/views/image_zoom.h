#pragma once
// Where the preview puts the image: a scale (screen pixels per image pixel) and the screen offset
// of the image's top-left corner inside the canvas. Wheel zoom keeps the image point under the
// cursor still; the offset is kept on whole pixels so that at 100% every image pixel lands on
// exactly one screen pixel.
#include <imgui.h>

#include "core/images/annotation.h"

namespace tftsr::gui {

struct ImageZoom {
  static constexpr float kMinScale = 0.02f;
  static constexpr float kMaxScale = 32.0f;
  static constexpr float kWheelStep = 1.25f;

  float scale = 1.0f;
  ImVec2 offset{0, 0};  // canvas-relative screen position of image pixel (0, 0)
  bool fitted = true;   // follows the canvas size until the user zooms or pans

  // The whole image inside the canvas, centred (shrunk or enlarged as needed).
  void fit(ImVec2 canvas, ImVec2 image);
  // One image pixel per screen pixel, centred.
  void actual_size(ImVec2 canvas, ImVec2 image);
  // Multiplies the scale by factor (clamped), keeping the image point under `anchor` (canvas
  // coordinates) where it is. Snaps to exactly 100% when it passes close by.
  void zoom_at(ImVec2 anchor, float factor);
  void pan(ImVec2 delta);

  ImVec2 to_canvas(PointF image_point) const;
  PointF to_image(ImVec2 canvas_point) const;
};

}  // namespace tftsr::gui
