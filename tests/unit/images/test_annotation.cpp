#include <doctest/doctest.h>

#include <string>

#include "core/error.h"
#include "core/images/annotation.h"

using namespace tftsr;

namespace {

std::vector<Annotation> one_of_each() {
  Annotation rectangle{"r1", AnnotationKind::Rectangle, {10, 20}, {110.5, 70.25}, {255, 0, 0, 255}, 4, 20, ""};
  Annotation arrow{"arrow-2", AnnotationKind::Arrow, {300, 40}, {120, 60}, {0, 200, 0, 128}, 6, 20, ""};
  Annotation label{"t3", AnnotationKind::TextLabel, {15, 200}, {15, 200}, {0, 0, 255, 255}, 3, 32, "disk full\nat 02:14 \u2014 n\u00f8de-7"};
  Annotation redaction{"x4", AnnotationKind::RedactionBox, {500, 400}, {420, 380}, {0, 0, 0, 255}, 3, 20, ""};
  return {rectangle, arrow, label, redaction};
}

std::string json_error(const std::string& json) {
  try {
    annotations_from_json(json);
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::InvalidInput);
    return e.what();
  }
  FAIL("bad annotation JSON was accepted");
  return {};
}

std::string with_item(const std::string& item) { return R"({"version":1,"annotations":[)" + item + "]}"; }

}  // namespace

TEST_CASE("annotations: JSON round trip keeps every field of every kind") {
  const auto annotations = one_of_each();
  const std::string json = annotations_to_json(annotations);
  CHECK(json.find(R"("type":"redaction")") != std::string::npos);
  CHECK(json.find(R"("color":"#00c80080")") != std::string::npos);
  CHECK(annotations_from_json(json) == annotations);
  CHECK(annotations_from_json(annotations_to_json({})).empty());
}

TEST_CASE("annotations: defaults for optional fields") {
  const auto parsed = annotations_from_json(with_item(R"({"id":"a","type":"redaction","x1":1,"y1":2,"x2":3,"y2":4})"));
  REQUIRE(parsed.size() == 1);
  CHECK(parsed[0].color == Color{0, 0, 0, 255});  // redaction boxes default to black
  CHECK(parsed[0].stroke_width == 3);
  const auto rect = annotations_from_json(with_item(R"({"id":"a","type":"rectangle","x1":1,"y1":2,"x2":3,"y2":4,"color":"#12ab9f"})"));
  CHECK(rect[0].color == Color{0x12, 0xab, 0x9f, 255});
}

TEST_CASE("annotations: bad JSON gets a specific error") {
  CHECK(json_error("{not json").starts_with("invalid annotations: not valid JSON"));
  CHECK(json_error(with_item(R"({"id":"a","type":"arrow","x1":1e999,"y1":2,"x2":3,"y2":4})"))
            .starts_with("invalid annotations: not valid JSON"));  // found by fuzzing
  CHECK(json_error("[]") == R"(invalid annotations: expected an object with an "annotations" array)");
  CHECK(json_error(R"({"version":2,"annotations":[]})") == R"(invalid annotations: unsupported "version" (expected 1))");
  CHECK(json_error(with_item(R"({"id":"a","type":"circle","x1":1,"y1":2,"x2":3,"y2":4})")) ==
        R"(invalid annotations: annotation 1: unknown type "circle" (expected rectangle, arrow, text or redaction))");
  CHECK(json_error(with_item(R"({"id":"a","type":"arrow","x1":1,"y1":2,"x2":3})")) ==
        R"(invalid annotations: annotation 1: missing "y2")");
  CHECK(json_error(with_item(R"({"id":"a","type":"arrow","x1":"1","y1":2,"x2":3,"y2":4})")) ==
        R"(invalid annotations: annotation 1: "x1" must be a number)");
  CHECK(json_error(with_item(R"({"id":"a","type":"arrow","x1":1e12,"y1":2,"x2":3,"y2":4})"))
            .starts_with(R"(invalid annotations: annotation 1: "x1" is out of range)"));
  CHECK(json_error(with_item(R"({"id":"a","type":"rectangle","x1":1,"y1":2,"x2":3,"y2":4,"color":"red"})")) ==
        R"(invalid annotations: annotation 1: "color" must be "#rrggbb" or "#rrggbbaa")");
  CHECK(json_error(with_item(R"({"id":"a","type":"rectangle","x1":1,"y1":2,"x2":3,"y2":4,"stroke_width":0})"))
            .starts_with(R"(invalid annotations: annotation 1: "stroke_width" is out of range)"));
  CHECK(json_error(with_item(R"({"id":"a","type":"text","x1":1,"y1":2})")) ==
        R"(invalid annotations: annotation 1: missing "text")");
  CHECK(json_error(with_item(R"({"id":"a","type":"text","x1":1,"y1":2,"text":""})")) ==
        "invalid annotations: annotation 1: a text label needs some text");
  CHECK(json_error(with_item(R"({"type":"rectangle","x1":1,"y1":2,"x2":3,"y2":4})")) ==
        R"(invalid annotations: annotation 1: missing "id")");
  CHECK(json_error(with_item(R"({"id":"a","type":"rectangle","x1":1,"y1":2,"x2":3,"y2":4},)"
                             R"({"id":"a","type":"arrow","x1":1,"y1":2,"x2":3,"y2":4})")) ==
        R"(invalid annotations: annotation 2: duplicate id "a")");
  CHECK(json_error(with_item("7")) == "invalid annotations: annotation 1: must be an object");
}

TEST_CASE("annotations: bounds are sorted whatever the drag direction") {
  Annotation box{"b", AnnotationKind::RedactionBox, {50, 60}, {10, 20}};
  const RectF r = bounds_of(box);
  CHECK(r.left == 10);
  CHECK(r.top == 20);
  CHECK(r.right == 50);
  CHECK(r.bottom == 60);
  CHECK(r.width() == 40);
}
