#pragma once
// The drawing layer of the preview: tools to add rectangles, arrows, text labels and redaction
// boxes, selection with move and resize handles, Del, undo and redo. It edits an
// AnnotationDocument in image pixel coordinates and reports each finished gesture, which the
// preview saves to the store.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <imgui.h>

#include "app/gui/views/image_zoom.h"
#include "core/images/annotation_document.h"

namespace tftsr::gui {

enum class AnnotationTool { Select, Rectangle, Arrow, Text, Redaction };

class ImageAnnotationEditor {
 public:
  void load(std::vector<Annotation> annotations);
  const AnnotationDocument& document() const { return doc_; }

  AnnotationTool tool() const { return tool_; }
  const std::optional<std::string>& selected() const { return selected_; }

  // Tool buttons, the label text, colour and stroke width (for new marks and the selected one),
  // the selected label's text, undo, redo and delete. Returns true when the document changed.
  bool draw_toolbar();
  // Mouse input over the canvas (the caller's invisible button is the last item) and the drawing
  // of every annotation on top of the image. Returns true when a gesture finished.
  bool canvas(const ImageZoom& zoom, ImVec2 canvas_min, bool pan_active, ImDrawList* draw);
  // Del, Ctrl+Z, Ctrl+Y and Ctrl+Shift+Z while the preview has focus. True when something changed.
  bool keyboard();

  bool undo();
  bool redo();
  bool delete_selected();
  // Restyle the selected mark (and the marks drawn next); true when the document changed.
  bool set_colour(Color colour);
  bool set_stroke_width(double width);
  // Replaces the selected label's text; false when no label is selected or the text is the same.
  bool set_label_text(const std::string& text);
  Color colour() const { return colour_; }
  double stroke_width() const { return stroke_width_; }

  static const std::vector<Color>& palette();
  static const std::vector<double>& stroke_widths();

 private:
  enum class Drag { None, Create, Move, Resize };
  std::optional<std::string> hit(PointF p, float scale) const;
  int handle_at(ImVec2 screen, const ImageZoom& zoom, ImVec2 canvas_min) const;
  void draw_annotation(const Annotation& a, const ImageZoom& zoom, ImVec2 canvas_min, ImDrawList* draw) const;
  void draw_selection(const ImageZoom& zoom, ImVec2 canvas_min, ImDrawList* draw) const;
  bool draw_style_controls();
  bool draw_label_editor();
  bool restyle_selected(const std::function<void(Annotation&)>& change);

  AnnotationDocument doc_;
  AnnotationTool tool_ = AnnotationTool::Select;
  std::optional<std::string> selected_;
  std::string label_text_ = "Note";
  Color colour_{255, 0, 0, 255};  // for new outlines, arrows and labels
  double stroke_width_ = 3;
  std::string editing_text_;  // the selected label's text while its field is edited
  std::optional<std::string> editing_label_;
  bool label_changed_ = false;
  Drag drag_ = Drag::None;
  PointF drag_start_;
  PointF drag_last_;
  PointF fixed_corner_;  // the corner (or arrow end) that stays put while resizing
  int handle_ = -1;
  bool created_ = false;
};

}  // namespace tftsr::gui
