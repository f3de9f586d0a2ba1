#include "app/gui/views/image_annotation_editor.h"

#include <GLFW/glfw3.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "app/gui/ui_probe.h"
#include <imgui_stdlib.h>

namespace tftsr::gui {

namespace {
constexpr float kHandleRadius = 5.0f;  // screen pixels
constexpr float kMinDragPixels = 3.0f;

ImU32 to_u32(Color c, bool opaque = false) { return IM_COL32(c.r, c.g, c.b, opaque ? 255 : c.a); }

bool is_box(AnnotationKind k) { return k == AnnotationKind::Rectangle || k == AnnotationKind::RedactionBox; }

// The label's box in image pixels, measured with the UI font scaled to the label's size.
RectF text_bounds(const Annotation& a) {
  const float scale = static_cast<float>(a.font_size) / ImGui::GetFontSize();
  const ImVec2 size = ImGui::CalcTextSize(a.text.empty() ? " " : a.text.c_str());
  return {a.p1.x, a.p1.y, a.p1.x + size.x * scale, a.p1.y + size.y * scale};
}

RectF box_of(const Annotation& a) { return a.kind == AnnotationKind::TextLabel ? text_bounds(a) : bounds_of(a); }

// Handle positions: the four corners of a box (top-left, top-right, bottom-right, bottom-left), the
// two ends of an arrow, none for a label.
std::vector<PointF> handles_of(const Annotation& a) {
  if (a.kind == AnnotationKind::Arrow) return {a.p1, a.p2};
  if (!is_box(a.kind)) return {};
  const RectF r = bounds_of(a);
  return {{r.left, r.top}, {r.right, r.top}, {r.right, r.bottom}, {r.left, r.bottom}};
}

double distance_to_segment(PointF p, PointF a, PointF b) {
  const double dx = b.x - a.x, dy = b.y - a.y;
  const double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2 : 0.0;
  t = std::clamp(t, 0.0, 1.0);
  return std::hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

bool tool_button(const char* label, const char* probe_key, bool active) {
  if (active) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
  const bool pressed = ImGui::Button(label);
  probe::record(probe_key);
  if (active) ImGui::PopStyleColor();
  return pressed;
}
}  // namespace

void ImageAnnotationEditor::load(std::vector<Annotation> annotations) {
  doc_ = AnnotationDocument(std::move(annotations));
  selected_.reset();
  drag_ = Drag::None;
}

bool ImageAnnotationEditor::undo() {
  if (!doc_.can_undo() || drag_ != Drag::None) return false;
  doc_.undo();
  if (selected_ && !doc_.find(*selected_)) selected_.reset();
  return true;
}

bool ImageAnnotationEditor::redo() {
  if (!doc_.can_redo() || drag_ != Drag::None) return false;
  doc_.redo();
  if (selected_ && !doc_.find(*selected_)) selected_.reset();
  return true;
}

bool ImageAnnotationEditor::delete_selected() {
  if (!selected_ || !doc_.find(*selected_) || drag_ != Drag::None) return false;
  doc_.remove(*selected_);
  selected_.reset();
  return true;
}

const std::vector<Color>& ImageAnnotationEditor::palette() {
  static const std::vector<Color> colours = {{230, 40, 40, 255},  {245, 150, 20, 255}, {250, 220, 40, 255},
                                             {40, 180, 80, 255},  {40, 120, 230, 255}, {170, 60, 220, 255},
                                             {255, 255, 255, 255}, {0, 0, 0, 255}};
  return colours;
}

const std::vector<double>& ImageAnnotationEditor::stroke_widths() {
  static const std::vector<double> widths = {1, 2, 3, 5, 8, 12};
  return widths;
}

bool ImageAnnotationEditor::restyle_selected(const std::function<void(Annotation&)>& change) {
  if (!selected_ || drag_ != Drag::None) return false;
  const Annotation* found = doc_.find(*selected_);
  if (!found) return false;
  Annotation a = *found;
  change(a);
  if (a == *found) return false;
  doc_.replace(a);
  return true;
}

bool ImageAnnotationEditor::set_colour(Color colour) {
  colour_ = colour;
  return restyle_selected([&](Annotation& a) {
    // A redaction box stays opaque whatever colour it is given.
    a.color = colour;
    if (a.kind == AnnotationKind::RedactionBox) a.color.a = 255;
  });
}

bool ImageAnnotationEditor::set_stroke_width(double width) {
  stroke_width_ = std::clamp(width, 1.0, kMaxAnnotationStrokeWidth);
  return restyle_selected([&](Annotation& a) {
    if (a.kind == AnnotationKind::Rectangle || a.kind == AnnotationKind::Arrow) a.stroke_width = stroke_width_;
  });
}

bool ImageAnnotationEditor::set_label_text(const std::string& text) {
  if (text.size() > kMaxAnnotationTextBytes) return false;
  return restyle_selected([&](Annotation& a) {
    if (a.kind == AnnotationKind::TextLabel) a.text = text.empty() ? " " : text;
  });
}

bool ImageAnnotationEditor::draw_style_controls() {
  bool changed = false;
  for (std::size_t i = 0; i < palette().size(); ++i) {
    const Color c = palette()[i];
    ImGui::PushID(static_cast<int>(i));
    const ImVec4 v(c.r / 255.0f, c.g / 255.0f, c.b / 255.0f, 1.0f);
    const float side = ImGui::GetFrameHeight() * 0.8f;
    if (c == colour_) {
      const ImVec2 p = ImGui::GetCursorScreenPos();
      ImGui::GetWindowDrawList()->AddRect(ImVec2(p.x - 2, p.y - 2), ImVec2(p.x + side + 2, p.y + side + 2),
                                          ImGui::GetColorU32(ImGuiCol_Text), 2.0f, 0, 2.0f);
    }
    if (ImGui::ColorButton("##colour", v, ImGuiColorEditFlags_NoTooltip, ImVec2(side, side))) changed |= set_colour(c);
    probe::record("image.colour:" + std::to_string(i));
    ImGui::PopID();
    ImGui::SameLine(0, 4);
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 4.5f);
  const std::string preview = std::to_string(static_cast<int>(stroke_width_)) + " px";
  if (ImGui::BeginCombo("##stroke", preview.c_str())) {
    for (double w : stroke_widths()) {
      const std::string label = std::to_string(static_cast<int>(w)) + " px";
      if (ImGui::Selectable(label.c_str(), w == stroke_width_)) changed |= set_stroke_width(w);
      probe::record("image.stroke:" + std::to_string(static_cast<int>(w)));
    }
    ImGui::EndCombo();
  }
  probe::record("image.stroke");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Line width of outlines and arrows");
  return changed;
}

// The selected label's text, edited in place: each keystroke shows at once, the whole edit is one
// undo step and one save when the field is left.
bool ImageAnnotationEditor::draw_label_editor() {
  const Annotation* a = selected_ ? doc_.find(*selected_) : nullptr;
  if (!a || a->kind != AnnotationKind::TextLabel || tool_ != AnnotationTool::Select) {
    editing_label_.reset();
    return false;
  }
  if (editing_label_ != a->id) {
    editing_label_ = a->id;
    editing_text_ = a->text;
  }
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12);
  const bool edited = ImGui::InputTextWithHint("##edit_label", "Label text", &editing_text_);
  probe::record("image.edit_label");
  if (ImGui::IsItemActivated()) {
    doc_.begin_gesture();
    label_changed_ = false;
  }
  if (edited) label_changed_ |= set_label_text(editing_text_);
  bool changed = false;
  if (ImGui::IsItemDeactivated()) {
    doc_.end_gesture();
    changed = label_changed_;
    label_changed_ = false;
  }
  ImGui::SameLine();
  return changed;
}

bool ImageAnnotationEditor::draw_toolbar() {
  struct ToolInfo {
    AnnotationTool tool;
    const char* label;
    const char* key;
  };
  static constexpr std::array<ToolInfo, 5> kTools{{{AnnotationTool::Select, "Select", "image.tool.select"},
                                                   {AnnotationTool::Rectangle, "Rectangle", "image.tool.rectangle"},
                                                   {AnnotationTool::Arrow, "Arrow", "image.tool.arrow"},
                                                   {AnnotationTool::Text, "Text", "image.tool.text"},
                                                   {AnnotationTool::Redaction, "Redact", "image.tool.redaction"}}};
  for (const ToolInfo& t : kTools) {
    if (tool_button(t.label, t.key, tool_ == t.tool)) tool_ = t.tool;
    if (t.tool == AnnotationTool::Redaction && ImGui::IsItemHovered())
      ImGui::SetTooltip("An opaque box, burned into every export: what it covers never leaves.");
    ImGui::SameLine();
  }
  bool changed = false;
  if (tool_ == AnnotationTool::Text) {
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
    ImGui::InputText("##label", &label_text_);
    probe::record("image.label_text");
    ImGui::SameLine();
  }
  changed |= draw_label_editor();
  changed |= draw_style_controls();
  ImGui::SameLine();
  ImGui::BeginDisabled(!doc_.can_undo());
  if (ImGui::Button("Undo")) changed |= undo();
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(!doc_.can_redo());
  if (ImGui::Button("Redo")) changed |= redo();
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(!selected_);
  if (ImGui::Button("Delete mark")) changed |= delete_selected();
  ImGui::EndDisabled();
  return changed;
}

bool ImageAnnotationEditor::keyboard() {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput) return false;
  if (ImGui::IsKeyPressed(GLFW_KEY_DELETE, false)) return delete_selected();
  if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_Z, false)) return io.KeyShift ? redo() : undo();
  if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_Y, false)) return redo();
  if (ImGui::IsKeyPressed(GLFW_KEY_ESCAPE, false)) selected_.reset();
  return false;
}

std::optional<std::string> ImageAnnotationEditor::hit(PointF p, float scale) const {
  const double slack = kHandleRadius / scale;
  const auto& all = doc_.annotations();
  for (auto it = all.rbegin(); it != all.rend(); ++it) {
    const Annotation& a = *it;
    if (a.kind == AnnotationKind::Arrow) {
      if (distance_to_segment(p, a.p1, a.p2) <= slack + a.stroke_width) return a.id;
      continue;
    }
    const RectF r = box_of(a);
    if (p.x >= r.left - slack && p.x <= r.right + slack && p.y >= r.top - slack && p.y <= r.bottom + slack) return a.id;
  }
  return std::nullopt;
}

int ImageAnnotationEditor::handle_at(ImVec2 screen, const ImageZoom& zoom, ImVec2 canvas_min) const {
  if (!selected_) return -1;
  const Annotation* a = doc_.find(*selected_);
  if (!a) return -1;
  const auto handles = handles_of(*a);
  for (std::size_t i = 0; i < handles.size(); ++i) {
    const ImVec2 c = zoom.to_canvas(handles[i]);
    if (std::fabs(canvas_min.x + c.x - screen.x) <= kHandleRadius + 2 &&
        std::fabs(canvas_min.y + c.y - screen.y) <= kHandleRadius + 2)
      return static_cast<int>(i);
  }
  return -1;
}

bool ImageAnnotationEditor::canvas(const ImageZoom& zoom, ImVec2 canvas_min, bool pan_active, ImDrawList* draw) {
  bool finished = false;
  const ImGuiIO& io = ImGui::GetIO();
  const ImVec2 mouse = io.MousePos;
  const PointF at = zoom.to_image(ImVec2(mouse.x - canvas_min.x, mouse.y - canvas_min.y));

  if (ImGui::IsItemHovered() && ImGui::IsMouseClicked(ImGuiMouseButton_Left) && !pan_active && drag_ == Drag::None) {
    drag_start_ = drag_last_ = at;
    created_ = false;
    if (tool_ == AnnotationTool::Select) {
      const int h = handle_at(mouse, zoom, canvas_min);
      if (h >= 0) {
        const Annotation& a = *doc_.find(*selected_);
        const auto handles = handles_of(a);
        handle_ = h;
        fixed_corner_ = a.kind == AnnotationKind::Arrow ? handles[static_cast<std::size_t>(1 - h)]
                                                        : handles[static_cast<std::size_t>((h + 2) % 4)];
        drag_ = Drag::Resize;
        doc_.begin_gesture();
      } else if (auto id = hit(at, zoom.scale)) {
        selected_ = id;
        drag_ = Drag::Move;
        doc_.begin_gesture();
      } else {
        selected_.reset();
      }
    } else if (tool_ == AnnotationTool::Text) {
      Annotation a;
      a.kind = AnnotationKind::TextLabel;
      a.p1 = a.p2 = at;
      a.color = colour_;
      a.text = label_text_.empty() ? "Note" : label_text_;
      selected_ = doc_.add(a);
      finished = true;
    } else {
      drag_ = Drag::Create;
    }
  }

  if (drag_ != Drag::None && ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
    if (drag_ == Drag::Create) {
      const float moved = std::hypot(static_cast<float>(at.x - drag_start_.x) * zoom.scale,
                                     static_cast<float>(at.y - drag_start_.y) * zoom.scale);
      if (!created_ && moved >= kMinDragPixels) {
        doc_.begin_gesture();
        Annotation a;
        a.kind = tool_ == AnnotationTool::Rectangle ? AnnotationKind::Rectangle
                 : tool_ == AnnotationTool::Arrow   ? AnnotationKind::Arrow
                                                    : AnnotationKind::RedactionBox;
        a.color = a.kind == AnnotationKind::RedactionBox ? default_color(a.kind) : colour_;
        a.stroke_width = stroke_width_;
        a.p1 = drag_start_;
        a.p2 = at;
        selected_ = doc_.add(a);
        created_ = true;
      } else if (created_ && (at.x != drag_last_.x || at.y != drag_last_.y)) {
        doc_.resize(*selected_, drag_start_, at);
      }
    } else if (drag_ == Drag::Move && (at.x != drag_last_.x || at.y != drag_last_.y)) {
      doc_.move(*selected_, at.x - drag_last_.x, at.y - drag_last_.y);
    } else if (drag_ == Drag::Resize && (at.x != drag_last_.x || at.y != drag_last_.y)) {
      const Annotation& a = *doc_.find(*selected_);
      if (a.kind == AnnotationKind::Arrow)
        doc_.resize(*selected_, handle_ == 0 ? at : fixed_corner_, handle_ == 0 ? fixed_corner_ : at);
      else
        doc_.resize(*selected_, fixed_corner_, at);
    }
    drag_last_ = at;
  } else if (drag_ != Drag::None) {
    // Released: one gesture, one undo step, one save.
    const bool changed = drag_ != Drag::Create || created_;
    if (drag_ != Drag::Create || created_) doc_.end_gesture();
    drag_ = Drag::None;
    finished = changed && doc_.modified();
  }

  // Outlines, arrows and labels first, redaction boxes last and opaque, as the export draws them.
  draw->PushClipRect(
      canvas_min, ImVec2(canvas_min.x + ImGui::GetItemRectSize().x, canvas_min.y + ImGui::GetItemRectSize().y), true);
  for (const Annotation& a : doc_.annotations())
    if (a.kind != AnnotationKind::RedactionBox) draw_annotation(a, zoom, canvas_min, draw);
  for (const Annotation& a : doc_.annotations())
    if (a.kind == AnnotationKind::RedactionBox) draw_annotation(a, zoom, canvas_min, draw);
  draw_selection(zoom, canvas_min, draw);
  draw->PopClipRect();
  return finished;
}

void ImageAnnotationEditor::draw_annotation(const Annotation& a, const ImageZoom& zoom, ImVec2 canvas_min,
                                            ImDrawList* draw) const {
  auto screen = [&](PointF p) {
    const ImVec2 c = zoom.to_canvas(p);
    return ImVec2(canvas_min.x + c.x, canvas_min.y + c.y);
  };
  const float stroke = std::max(1.0f, static_cast<float>(a.stroke_width) * zoom.scale);
  switch (a.kind) {
    case AnnotationKind::Rectangle: {
      const RectF r = bounds_of(a);
      draw->AddRect(screen({r.left, r.top}), screen({r.right, r.bottom}), to_u32(a.color), 0.0f, 0, stroke);
      break;
    }
    case AnnotationKind::RedactionBox: {
      // Whole image pixels, as the export fills them: the editor shows exactly what will be hidden.
      const RectF r = bounds_of(a);
      const ImVec2 lo = screen({std::floor(r.left), std::floor(r.top)});
      const ImVec2 hi = screen({std::ceil(r.right), std::ceil(r.bottom)});
      draw->AddRectFilled(lo, hi, to_u32(a.color, true));
      break;
    }
    case AnnotationKind::Arrow: {
      const ImVec2 tail = screen(a.p1), head = screen(a.p2);
      const float dx = head.x - tail.x, dy = head.y - tail.y;
      const float len = std::max(std::hypot(dx, dy), 0.001f);
      const float ux = dx / len, uy = dy / len;
      const float size = std::min(len, std::max(stroke * 4.0f, 8.0f));
      const ImVec2 base(head.x - ux * size, head.y - uy * size);
      draw->AddLine(tail, base, to_u32(a.color), stroke);
      draw->AddTriangleFilled(head, ImVec2(base.x - uy * size * 0.5f, base.y + ux * size * 0.5f),
                              ImVec2(base.x + uy * size * 0.5f, base.y - ux * size * 0.5f), to_u32(a.color));
      break;
    }
    case AnnotationKind::TextLabel:
      draw->AddText(ImGui::GetFont(), static_cast<float>(a.font_size) * zoom.scale, screen(a.p1), to_u32(a.color),
                    a.text.c_str());
      break;
  }
}

void ImageAnnotationEditor::draw_selection(const ImageZoom& zoom, ImVec2 canvas_min, ImDrawList* draw) const {
  if (!selected_) return;
  const Annotation* a = doc_.find(*selected_);
  if (!a) return;
  auto screen = [&](PointF p) {
    const ImVec2 c = zoom.to_canvas(p);
    return ImVec2(canvas_min.x + c.x, canvas_min.y + c.y);
  };
  const ImU32 accent = ImGui::GetColorU32(ImGuiCol_NavHighlight);
  const RectF r = box_of(*a);
  if (a->kind != AnnotationKind::Arrow)
    draw->AddRect(ImVec2(screen({r.left, r.top}).x - 2, screen({r.left, r.top}).y - 2),
                  ImVec2(screen({r.right, r.bottom}).x + 2, screen({r.right, r.bottom}).y + 2), accent, 0, 0, 1.0f);
  for (const PointF& h : handles_of(*a)) {
    const ImVec2 c = screen(h);
    draw->AddRectFilled(ImVec2(c.x - kHandleRadius, c.y - kHandleRadius),
                        ImVec2(c.x + kHandleRadius, c.y + kHandleRadius), IM_COL32(255, 255, 255, 255));
    draw->AddRect(ImVec2(c.x - kHandleRadius, c.y - kHandleRadius), ImVec2(c.x + kHandleRadius, c.y + kHandleRadius),
                  accent);
  }
}

}  // namespace tftsr::gui
