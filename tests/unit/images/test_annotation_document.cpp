#include <doctest/doctest.h>

#include <cmath>

#include "core/error.h"
#include "core/images/annotation_document.h"

using namespace tftsr;

namespace {

Annotation box(PointF p1, PointF p2, AnnotationKind kind = AnnotationKind::Rectangle) {
  Annotation a;
  a.kind = kind;
  a.p1 = p1;
  a.p2 = p2;
  return a;
}

}  // namespace

TEST_CASE("annotation document: add, move, resize, delete") {
  AnnotationDocument doc;
  CHECK_FALSE(doc.modified());
  const std::string first = doc.add(box({0, 0}, {10, 10}));
  const std::string second = doc.add(box({5, 5}, {6, 6}, AnnotationKind::RedactionBox));
  CHECK_FALSE(first.empty());
  CHECK(first != second);
  CHECK(doc.annotations().size() == 2);
  CHECK(doc.modified());

  doc.move(first, 3, -2);
  CHECK(doc.find(first)->p1 == PointF{3, -2});
  CHECK(doc.find(first)->p2 == PointF{13, 8});

  doc.resize(second, {1, 1}, {40, 30});
  CHECK(doc.find(second)->p2 == PointF{40, 30});

  Annotation restyled = *doc.find(first);
  restyled.color = {0, 0, 255, 255};
  restyled.stroke_width = 7;
  doc.replace(restyled);
  CHECK(doc.find(first)->stroke_width == 7);

  doc.remove(first);
  CHECK(doc.find(first) == nullptr);
  CHECK(doc.annotations().size() == 1);

  doc.mark_saved();
  CHECK_FALSE(doc.modified());
}

TEST_CASE("annotation document: undo and redo walk the history both ways") {
  AnnotationDocument doc;
  CHECK_FALSE(doc.can_undo());
  const std::string id = doc.add(box({0, 0}, {10, 10}));
  doc.move(id, 5, 5);
  doc.resize(id, {5, 5}, {50, 50});
  doc.remove(id);
  CHECK(doc.annotations().empty());

  doc.undo();  // remove
  REQUIRE(doc.find(id) != nullptr);
  CHECK(doc.find(id)->p2 == PointF{50, 50});
  doc.undo();  // resize
  CHECK(doc.find(id)->p2 == PointF{15, 15});
  doc.undo();  // move
  CHECK(doc.find(id)->p1 == PointF{0, 0});
  doc.undo();  // add
  CHECK(doc.annotations().empty());
  CHECK_FALSE(doc.can_undo());
  doc.undo();  // nothing left: no change, no crash
  CHECK(doc.annotations().empty());

  CHECK(doc.can_redo());
  doc.redo();
  doc.redo();
  CHECK(doc.find(id)->p1 == PointF{5, 5});
  doc.redo();
  doc.redo();
  CHECK(doc.annotations().empty());
  CHECK_FALSE(doc.can_redo());
}

TEST_CASE("annotation document: a new edit after undo drops the redo branch") {
  AnnotationDocument doc;
  const std::string id = doc.add(box({0, 0}, {10, 10}));
  doc.move(id, 1, 1);
  doc.undo();
  CHECK(doc.can_redo());
  doc.move(id, 100, 0);
  CHECK_FALSE(doc.can_redo());
  CHECK(doc.find(id)->p1 == PointF{100, 0});
}

TEST_CASE("annotation document: a drag gesture is one undo step") {
  AnnotationDocument doc;
  const std::string id = doc.add(box({0, 0}, {10, 10}));
  doc.begin_gesture();
  for (int i = 0; i < 30; ++i) doc.move(id, 1, 0);
  doc.end_gesture();
  CHECK(doc.find(id)->p1 == PointF{30, 0});
  doc.undo();
  CHECK(doc.find(id)->p1 == PointF{0, 0});
  doc.undo();
  CHECK(doc.annotations().empty());
}

TEST_CASE("annotation document: errors leave the document untouched") {
  AnnotationDocument doc({box({0, 0}, {1, 1})});
  doc.add(box({0, 0}, {1, 1}));
  Annotation duplicate = box({0, 0}, {1, 1});
  duplicate.id = doc.annotations().back().id;
  CHECK_THROWS_AS(doc.add(duplicate), Error);
  try {
    doc.move("missing", 1, 1);
    FAIL("moved an annotation that does not exist");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::NotFound);
  }
  const std::string id = doc.annotations().back().id;
  CHECK_THROWS_AS(doc.resize(id, {0, 0}, {std::nan(""), 1}), Error);
  CHECK(doc.find(id)->p2 == PointF{1, 1});
  doc.undo();
  CHECK(doc.annotations().size() == 1);  // only the add was recorded
}

TEST_CASE("annotation document: history is bounded") {
  AnnotationDocument doc;
  const std::string id = doc.add(box({0, 0}, {1, 1}));
  for (std::size_t i = 0; i < AnnotationDocument::kMaxHistory + 50; ++i) doc.move(id, 1, 0);
  std::size_t steps = 0;
  while (doc.can_undo()) {
    doc.undo();
    ++steps;
  }
  CHECK(steps == AnnotationDocument::kMaxHistory);
  CHECK(doc.find(id) != nullptr);  // the oldest states fell off, the add among them
}
