#pragma once
// Marks an engineer draws on a screenshot: outlines, arrows, text labels and redaction boxes.
// Geometry is in image pixel coordinates (origin top-left, x right, y down), so it stays right
// whatever the zoom of the view that draws it.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace tftsr {

enum class AnnotationKind {
  Rectangle,     // outline of the box p1-p2
  Arrow,         // line from p1 (tail) to p2 (head)
  TextLabel,     // text whose top-left corner is p1; p2 unused
  RedactionBox,  // the box p1-p2 filled opaque; burned into every export
};

struct PointF {
  double x = 0;
  double y = 0;
  bool operator==(const PointF&) const = default;
};

struct Color {
  std::uint8_t r = 0, g = 0, b = 0, a = 255;
  bool operator==(const Color&) const = default;
};

// A box given by its edges, left <= right and top <= bottom.
struct RectF {
  double left = 0, top = 0, right = 0, bottom = 0;
  double width() const { return right - left; }
  double height() const { return bottom - top; }
};

struct Annotation {
  std::string id;
  AnnotationKind kind = AnnotationKind::Rectangle;
  // Two points rather than origin + size: a box is whatever the user dragged, in any direction.
  PointF p1;
  PointF p2;
  Color color{255, 0, 0, 255};
  double stroke_width = 3;  // outlines and arrows
  double font_size = 20;    // text labels: pixel height of a line
  std::string text;         // text labels, UTF-8, may hold '\n'

  bool operator==(const Annotation&) const = default;
};

// Bounds shared by the JSON reader, the editor and the renderer: far beyond any image we accept
// (16384 px a side), yet small enough that the drawing arithmetic stays exact and cheap.
inline constexpr double kMaxAnnotationCoordinate = 1'000'000;
inline constexpr double kMaxAnnotationStrokeWidth = 1000;
inline constexpr double kMinAnnotationFontSize = 4;
inline constexpr double kMaxAnnotationFontSize = 1000;
inline constexpr std::size_t kMaxAnnotationTextBytes = 4096;

// Throws Error(InvalidInput) when a coordinate, stroke width or font size is not a finite number
// within the bounds above, or the text is too long.
void check_annotation_geometry(const Annotation& annotation);

// The box p1-p2 with its corners sorted (zero-size boxes stay zero-size).
RectF bounds_of(const Annotation& annotation);

const char* kind_name(AnnotationKind kind);  // "rectangle", "arrow", "text", "redaction"

// Redaction boxes are black unless the user picks otherwise; their fill is always opaque.
Color default_color(AnnotationKind kind);

// {"version":1,"annotations":[{"id":..,"type":"rectangle","x1":..,"y1":..,"x2":..,"y2":..,
//  "color":"#rrggbbaa","stroke_width":..,"font_size":..,"text":..}, ...]}
std::string annotations_to_json(const std::vector<Annotation>& annotations);

// Validates everything (types, finite coordinates in range, colours, sizes, unique ids) and throws
// Error(InvalidInput) naming the first bad annotation and field.
std::vector<Annotation> annotations_from_json(const std::string& json);

}  // namespace tftsr
