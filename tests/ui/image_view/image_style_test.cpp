#include <doctest/doctest.h>

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

TEST_CASE("the chosen colour and stroke width go to new marks and restyle the selected one, saved") {
  ImageFixture t;
  ImagePreviewView& preview = t.open_preview();
  const Color blue = ImageAnnotationEditor::palette()[4];
  t.f.ui->click("image.colour:4");
  t.f.ui->click("image.tool.rectangle");
  t.drag(preview, {5, 5}, {20, 15});
  auto all = stored(t, preview);
  REQUIRE(all.size() == 1);
  CHECK(all[0].color == blue);
  CHECK(all[0].stroke_width == 3);

  // The new rectangle is selected: a new width and colour restyle it.
  t.f.ui->click("image.stroke");
  t.f.ui->click("image.stroke:8");
  t.f.ui->click("image.colour:2");
  all = stored(t, preview);
  REQUIRE(all.size() == 1);
  CHECK(all[0].stroke_width == 8);
  CHECK(all[0].color == ImageAnnotationEditor::palette()[2]);
  // Each restyle is its own undo step.
  CHECK(preview.editor().undo());
  CHECK(preview.editor().document().annotations()[0].color == blue);
}

TEST_CASE("a redaction box stays opaque and black unless restyled") {
  ImageFixture t;
  ImagePreviewView& preview = t.open_preview();
  t.f.ui->click("image.colour:0");
  t.f.ui->click("image.tool.redaction");
  t.drag(preview, {5, 5}, {20, 15});
  const auto all = stored(t, preview);
  REQUIRE(all.size() == 1);
  CHECK(all[0].color == default_color(AnnotationKind::RedactionBox));
}

TEST_CASE("an existing label's text is edited in place, saved, and undone in one step") {
  ImageFixture t;
  ImagePreviewView& preview = t.open_preview();
  t.f.ui->click("image.tool.text");
  t.click_at(preview, {10, 10});
  REQUIRE(stored(t, preview).size() == 1);
  t.f.ui->click("image.tool.select");
  REQUIRE(t.f.ui->has("image.edit_label"));  // the new label is selected
  t.f.ui->click("image.edit_label");
  t.f.ui->type(" two");
  t.f.ui->click("image.fit");  // leaving the field ends the edit
  auto all = stored(t, preview);
  REQUIRE(all.size() == 1);
  CHECK(all[0].text == "Note two");
  CHECK(preview.editor().undo());
  CHECK(preview.editor().document().annotations()[0].text == "Note");
}
