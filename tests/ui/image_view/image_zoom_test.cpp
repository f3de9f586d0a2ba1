#include <doctest/doctest.h>

#include <cmath>

#include "app/gui/views/image_zoom.h"

using tftsr::PointF;
using tftsr::gui::ImageZoom;

TEST_CASE("fit centres the whole image in the canvas") {
  ImageZoom z;
  z.fit(ImVec2(800, 600), ImVec2(1600, 900));
  CHECK(z.scale == doctest::Approx(0.5f));
  CHECK(z.offset.x == 0.0f);
  CHECK(z.offset.y == doctest::Approx(75.0f));
  CHECK(z.fitted);
}

TEST_CASE("zooming keeps the image point under the anchor and snaps to 100% when crossing it") {
  ImageZoom z;
  z.fit(ImVec2(800, 600), ImVec2(1000, 1000));  // 0.6
  const ImVec2 anchor(300, 200);
  const PointF p = z.to_image(anchor);
  z.zoom_at(anchor, 1.25f);  // 0.75
  CHECK(z.scale == doctest::Approx(0.75f));
  z.zoom_at(anchor, 1.25f);  // 0.9375
  z.zoom_at(anchor, 1.25f);  // would be 1.17: snaps to 1
  CHECK(z.scale == 1.0f);
  const ImVec2 back = z.to_canvas(p);
  CHECK(back.x == doctest::Approx(anchor.x).epsilon(0.01));
  CHECK(back.y == doctest::Approx(anchor.y).epsilon(0.01));
  CHECK_FALSE(z.fitted);
}

TEST_CASE("zoom is clamped and the offset stays on whole pixels") {
  ImageZoom z;
  for (int i = 0; i < 100; ++i) z.zoom_at(ImVec2(10.3f, 20.7f), 2.0f);
  CHECK(z.scale == ImageZoom::kMaxScale);
  CHECK(z.offset.x == std::floor(z.offset.x));
  for (int i = 0; i < 100; ++i) z.zoom_at(ImVec2(10, 20), 0.5f);
  CHECK(z.scale == ImageZoom::kMinScale);
  z.pan(ImVec2(3.4f, -2.6f));
  CHECK(z.offset.x == std::floor(z.offset.x));
}
