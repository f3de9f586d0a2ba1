#include "core/images/annotation.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <set>

#include "core/error.h"

namespace tftsr {
namespace {

using nlohmann::json;

constexpr int kJsonVersion = 1;
constexpr std::size_t kMaxIdBytes = 128;

std::string color_to_hex(Color c) {
  char text[10];
  std::snprintf(text, sizeof text, "#%02x%02x%02x%02x", c.r, c.g, c.b, c.a);
  return text;
}

std::string format_number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

class Validator {
 public:
  Validator(std::size_t index, const json& item) : index_(index), item_(item) {}

  [[noreturn]] void fail(const std::string& what) const {
    throw Error(ErrorKind::InvalidInput, "invalid annotations: annotation " + std::to_string(index_ + 1) + ": " + what);
  }

  const json* find(const char* key) const {
    auto it = item_.find(key);
    return it == item_.end() ? nullptr : &*it;
  }

  std::string string_field(const char* key, bool required) const {
    const json* value = find(key);
    if (!value) {
      if (required) fail(std::string("missing \"") + key + "\"");
      return {};
    }
    if (!value->is_string()) fail(std::string("\"") + key + "\" must be a string");
    return value->get<std::string>();
  }

  double number_field(const char* key, double fallback, double min, double max) const {
    const json* value = find(key);
    if (!value) return fallback;
    if (!value->is_number()) fail(std::string("\"") + key + "\" must be a number");
    const double number = value->get<double>();
    if (!std::isfinite(number) || number < min || number > max)
      fail(std::string("\"") + key + "\" is out of range (" + format_number(min) + " to " + format_number(max) + ")");
    return number;
  }

  double coordinate(const char* key) const {
    if (!find(key)) fail(std::string("missing \"") + key + "\"");
    return number_field(key, 0, -kMaxAnnotationCoordinate, kMaxAnnotationCoordinate);
  }

  Color color_field(Color fallback) const {
    const json* value = find("color");
    if (!value) return fallback;
    const std::string text = value->is_string() ? value->get<std::string>() : std::string();
    if (text.size() != 7 && text.size() != 9) fail("\"color\" must be \"#rrggbb\" or \"#rrggbbaa\"");
    if (text[0] != '#') fail("\"color\" must be \"#rrggbb\" or \"#rrggbbaa\"");
    std::uint8_t channels[4] = {0, 0, 0, 255};
    for (std::size_t i = 1; i < text.size(); i += 2) {
      const int hi = hex_digit(text[i]), lo = hex_digit(text[i + 1]);
      if (hi < 0 || lo < 0) fail("\"color\" must be \"#rrggbb\" or \"#rrggbbaa\"");
      channels[i / 2] = static_cast<std::uint8_t>(hi * 16 + lo);
    }
    return {channels[0], channels[1], channels[2], channels[3]};
  }

 private:
  std::size_t index_;
  const json& item_;
};

AnnotationKind parse_kind(const Validator& v, const std::string& type) {
  for (AnnotationKind kind : {AnnotationKind::Rectangle, AnnotationKind::Arrow, AnnotationKind::TextLabel,
                              AnnotationKind::RedactionBox})
    if (type == kind_name(kind)) return kind;
  v.fail("unknown type \"" + type + "\" (expected rectangle, arrow, text or redaction)");
}

Annotation parse_annotation(std::size_t index, const json& item) {
  Validator v(index, item);
  if (!item.is_object()) v.fail("must be an object");
  Annotation a;
  a.id = v.string_field("id", true);
  if (a.id.empty() || a.id.size() > kMaxIdBytes) v.fail("\"id\" must be 1 to " + std::to_string(kMaxIdBytes) + " bytes");
  a.kind = parse_kind(v, v.string_field("type", true));
  a.p1 = {v.coordinate("x1"), v.coordinate("y1")};
  if (a.kind == AnnotationKind::TextLabel) {
    a.p2 = a.p1;
  } else {
    a.p2 = {v.coordinate("x2"), v.coordinate("y2")};
  }
  a.color = v.color_field(default_color(a.kind));
  a.stroke_width = v.number_field("stroke_width", a.stroke_width, 0.1, kMaxAnnotationStrokeWidth);
  a.font_size = v.number_field("font_size", a.font_size, kMinAnnotationFontSize, kMaxAnnotationFontSize);
  a.text = v.string_field("text", a.kind == AnnotationKind::TextLabel);
  if (a.text.size() > kMaxAnnotationTextBytes) v.fail("\"text\" is longer than " + std::to_string(kMaxAnnotationTextBytes) + " bytes");
  if (a.kind == AnnotationKind::TextLabel && a.text.empty()) v.fail("a text label needs some text");
  return a;
}

}  // namespace

void check_annotation_geometry(const Annotation& a) {
  auto fail = [&](const std::string& what) {
    throw Error(ErrorKind::InvalidInput, "annotation \"" + a.id + "\": " + what);
  };
  for (double v : {a.p1.x, a.p1.y, a.p2.x, a.p2.y})
    if (!std::isfinite(v) || std::abs(v) > kMaxAnnotationCoordinate)
      fail("a coordinate is not a number or lies beyond " + format_number(kMaxAnnotationCoordinate) + " pixels");
  if (!std::isfinite(a.stroke_width) || a.stroke_width <= 0 || a.stroke_width > kMaxAnnotationStrokeWidth)
    fail("the stroke width must be above 0 and at most " + format_number(kMaxAnnotationStrokeWidth) + " pixels");
  if (!std::isfinite(a.font_size) || a.font_size < kMinAnnotationFontSize || a.font_size > kMaxAnnotationFontSize)
    fail("the font size must be " + format_number(kMinAnnotationFontSize) + " to " + format_number(kMaxAnnotationFontSize) +
         " pixels");
  if (a.text.size() > kMaxAnnotationTextBytes)
    fail("the text is longer than " + std::to_string(kMaxAnnotationTextBytes) + " bytes");
}

RectF bounds_of(const Annotation& a) {
  return {std::min(a.p1.x, a.p2.x), std::min(a.p1.y, a.p2.y), std::max(a.p1.x, a.p2.x), std::max(a.p1.y, a.p2.y)};
}

const char* kind_name(AnnotationKind kind) {
  switch (kind) {
    case AnnotationKind::Rectangle: return "rectangle";
    case AnnotationKind::Arrow: return "arrow";
    case AnnotationKind::TextLabel: return "text";
    case AnnotationKind::RedactionBox: return "redaction";
  }
  return "?";
}

Color default_color(AnnotationKind kind) {
  return kind == AnnotationKind::RedactionBox ? Color{0, 0, 0, 255} : Color{255, 0, 0, 255};
}

std::string annotations_to_json(const std::vector<Annotation>& annotations) {
  json items = json::array();
  for (const Annotation& a : annotations) {
    json item = {{"id", a.id}, {"type", kind_name(a.kind)}, {"x1", a.p1.x}, {"y1", a.p1.y}};
    if (a.kind != AnnotationKind::TextLabel) {
      item["x2"] = a.p2.x;
      item["y2"] = a.p2.y;
    }
    item["color"] = color_to_hex(a.color);
    item["stroke_width"] = a.stroke_width;
    item["font_size"] = a.font_size;
    item["text"] = a.text;
    items.push_back(std::move(item));
  }
  return json{{"version", kJsonVersion}, {"annotations", std::move(items)}}.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::vector<Annotation> annotations_from_json(const std::string& text) {
  json document;
  try {
    document = json::parse(text);
  } catch (const json::exception& e) {  // parse_error, and out_of_range for numbers like 1e999
    throw Error(ErrorKind::InvalidInput, std::string("invalid annotations: not valid JSON (") + e.what() + ")");
  }
  if (!document.is_object() || !document.contains("annotations") || !document["annotations"].is_array())
    throw Error(ErrorKind::InvalidInput, "invalid annotations: expected an object with an \"annotations\" array");
  if (!document.contains("version") || !document["version"].is_number_integer() || document["version"] != kJsonVersion)
    throw Error(ErrorKind::InvalidInput, "invalid annotations: unsupported \"version\" (expected " +
                                             std::to_string(kJsonVersion) + ")");

  std::vector<Annotation> annotations;
  std::set<std::string> ids;
  const json& items = document["annotations"];
  for (std::size_t i = 0; i < items.size(); ++i) {
    Annotation a = parse_annotation(i, items[i]);
    if (!ids.insert(a.id).second)
      throw Error(ErrorKind::InvalidInput, "invalid annotations: annotation " + std::to_string(i + 1) +
                                               ": duplicate id \"" + a.id + "\"");
    annotations.push_back(std::move(a));
  }
  return annotations;
}

}  // namespace tftsr
