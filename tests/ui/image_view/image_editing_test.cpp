#include <doctest/doctest.h>

#include <GLFW/glfw3.h>

#include <cmath>

#include "image_view_fixture.h"

using namespace tftsr;
using namespace tftsr::gui;
using namespace tftsr::gui::test;

namespace {
std::vector<Annotation> stored(ImageFixture& t, ImagePreviewView& preview) {
  t.settle(preview);
  return t.triage().images().annotations(t.image.id);
}
}  // namespace

TEST_CASE("each tool draws its kind of mark and every finished gesture is saved") {
  ImageFixture t;
  ImagePreviewView& preview = t.open_preview();
  t.f.ui->click("image.tool.rectangle");
  t.drag(preview, {5, 5}, {20, 15});
  CHECK(stored(t, preview).size() == 1);
  t.f.ui->click("image.tool.arrow");
  t.drag(preview, {40, 40}, {50, 30});
  CHECK(stored(t, preview).size() == 2);
  t.f.ui->click("image.tool.text");
  t.click_at(preview, {30, 5});
  const auto all = stored(t, preview);
  REQUIRE(all.size() == 3);
  CHECK(all[0].kind == AnnotationKind::Rectangle);
  CHECK(all[1].kind == AnnotationKind::Arrow);
  CHECK(all[1].p1.x == doctest::Approx(40).epsilon(0.02));
  CHECK(all[1].p2.y == doctest::Approx(30).epsilon(0.02));
  CHECK(all[2].kind == AnnotationKind::TextLabel);
  CHECK(all[2].text == "Note");
}

TEST_CASE("a click without a drag adds no box") {
  ImageFixture t;
  ImagePreviewView& preview = t.open_preview();
  t.f.ui->click("image.tool.redaction");
  t.click_at(preview, {20, 20});
  CHECK(preview.editor().document().annotations().empty());
  CHECK_FALSE(preview.editor().document().can_undo());
}

TEST_CASE("a selected box moves by dragging its inside and resizes by its corner handle") {
  ImageFixture t;
  ImagePreviewView& preview = t.open_preview();
  t.f.ui->click("image.tool.rectangle");
  t.drag(preview, {10, 10}, {20, 20});
  t.f.ui->click("image.tool.select");
  t.drag(preview, {15, 15}, {25, 18});  // move by (10, 3)
  auto a = stored(t, preview);
  REQUIRE(a.size() == 1);
  RectF r = bounds_of(a[0]);
  CHECK(r.left == doctest::Approx(20).epsilon(0.03));
  CHECK(r.top == doctest::Approx(13).epsilon(0.03));
  CHECK(r.right == doctest::Approx(30).epsilon(0.03));
  // Bottom-right handle to (40, 33): the top-left corner stays.
  t.drag(preview, {r.right, r.bottom}, {40, 33});
  a = stored(t, preview);
  r = bounds_of(a[0]);
  CHECK(r.left == doctest::Approx(20).epsilon(0.03));
  CHECK(r.top == doctest::Approx(13).epsilon(0.03));
  CHECK(r.right == doctest::Approx(40).epsilon(0.03));
  CHECK(r.bottom == doctest::Approx(33).epsilon(0.03));
}

TEST_CASE("Ctrl+Z undoes a whole drag and Ctrl+Y or Ctrl+Shift+Z redo it in the store too") {
  ImageFixture t;
  ImagePreviewView& preview = t.open_preview();
  t.f.ui->click("image.tool.redaction");
  t.drag(preview, {10, 10}, {30, 20});
  REQUIRE(stored(t, preview).size() == 1);
  t.f.ui->press(GLFW_KEY_Z, true);
  CHECK(stored(t, preview).empty());
  t.f.ui->press(GLFW_KEY_Y, true);
  CHECK(stored(t, preview).size() == 1);
  t.f.ui->press(GLFW_KEY_Z, true);
  CHECK(stored(t, preview).empty());
  ImGuiIO& io = t.f.context.io();
  io.KeyShift = true;
  t.f.ui->press(GLFW_KEY_Z, true);
  io.KeyShift = false;
  CHECK(stored(t, preview).size() == 1);
}

TEST_CASE("the wheel zooms around the cursor while 100% is pixel for pixel and Fit shows the whole image") {
  ImageFixture t;
  ImagePreviewView& preview = t.open_preview();
  CHECK(preview.zoom().fitted);
  CHECK(preview.zoom().scale > 1.0f);  // 64 x 48 fills the canvas
  const PointF anchor{16, 12};
  const ImVec2 c = preview.zoom().to_canvas(anchor);
  ImGuiIO& io = t.f.context.io();
  io.MousePos = ImVec2(preview.canvas_origin().x + c.x, preview.canvas_origin().y + c.y);
  t.f.ui->frame();
  const float before = preview.zoom().scale;
  io.MouseWheel = 1.0f;
  t.f.ui->frame();
  io.MouseWheel = 0.0f;
  t.f.ui->frame();
  CHECK(preview.zoom().scale == doctest::Approx(before * ImageZoom::kWheelStep));
  const ImVec2 after = preview.zoom().to_canvas(anchor);
  CHECK(after.x == doctest::Approx(c.x).epsilon(0.01));
  CHECK(after.y == doctest::Approx(c.y).epsilon(0.01));

  t.f.ui->click("image.actual_size");
  CHECK(preview.zoom().scale == 1.0f);
  CHECK(preview.zoom().offset.x == std::floor(preview.zoom().offset.x));  // whole pixels: no blur
  t.f.ui->click("image.fit");
  CHECK(preview.zoom().fitted);
  CHECK(preview.zoom().scale == doctest::Approx(before));
}

TEST_CASE("dragging with the middle button pans the image and draws nothing") {
  ImageFixture t;
  ImagePreviewView& preview = t.open_preview();
  t.f.ui->click("image.tool.rectangle");
  const ImVec2 start = preview.zoom().offset;
  ImGuiIO& io = t.f.context.io();
  const ImVec2 c = preview.zoom().to_canvas({30, 20});
  io.MousePos = ImVec2(preview.canvas_origin().x + c.x, preview.canvas_origin().y + c.y);
  t.f.ui->frame();
  io.MouseDown[2] = true;
  t.f.ui->frame();
  io.MousePos.x += 40;
  io.MousePos.y += 10;
  t.f.ui->frame();
  io.MouseDown[2] = false;
  t.f.ui->frame();
  CHECK(preview.zoom().offset.x == doctest::Approx(start.x + 40));
  CHECK(preview.zoom().offset.y == doctest::Approx(start.y + 10));
  CHECK_FALSE(preview.zoom().fitted);
  CHECK(preview.editor().document().annotations().empty());
}

TEST_CASE("holding Space turns a left drag into panning even with a drawing tool chosen") {
  ImageFixture t;
  ImagePreviewView& preview = t.open_preview();
  t.f.ui->click("image.tool.redaction");
  const ImVec2 start = preview.zoom().offset;
  ImGuiIO& io = t.f.context.io();
  const ImVec2 c = preview.zoom().to_canvas({30, 20});
  io.MousePos = ImVec2(preview.canvas_origin().x + c.x, preview.canvas_origin().y + c.y);
  io.KeysDown[GLFW_KEY_SPACE] = true;
  t.f.ui->frame();
  io.MouseDown[0] = true;
  t.f.ui->frame();
  io.MousePos.x -= 25;
  io.MousePos.y += 15;
  t.f.ui->frame();
  io.MouseDown[0] = false;
  io.KeysDown[GLFW_KEY_SPACE] = false;
  t.f.ui->frame();
  CHECK(preview.zoom().offset.x == doctest::Approx(start.x - 25));
  CHECK(preview.zoom().offset.y == doctest::Approx(start.y + 15));
  CHECK(preview.editor().document().annotations().empty());
}
