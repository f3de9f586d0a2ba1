#pragma once
// The drawing layer of the preview: tools to add rectangles, arrows, text labels and redaction
// boxes, selection with move and resize handles, Del, undo and redo. It edits an
// AnnotationDocument in image pixel coordinates and reports each finished gesture, which the
// preview saves to the store.
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

  // Tool buttons, the label text, undo, redo and delete. Returns true when the document changed.
  bool draw_toolbar();
  // Mouse input over the canvas (the caller's invisible button is the last item) and the drawing
  // of every annotation on top of the image. Returns true when a gesture finished.
  bool canvas(const ImageZoom& zoom, ImVec2 canvas_min, bool pan_active, ImDrawList* draw);
  // Del, Ctrl+Z, Ctrl+Y and Ctrl+Shift+Z while the preview has focus. True when something changed.
  bool keyboard();

  bool undo();
  bool redo();
  bool delete_selected();

 private:
  enum class Drag { None, Create, Move, Resize };
  std::optional<std::string> hit(PointF p, float scale) const;
  int handle_at(ImVec2 screen, const ImageZoom& zoom, ImVec2 canvas_min) const;
  void draw_annotation(const Annotation& a, const ImageZoom& zoom, ImVec2 canvas_min, ImDrawList* draw) const;
  void draw_selection(const ImageZoom& zoom, ImVec2 canvas_min, ImDrawList* draw) const;

  AnnotationDocument doc_;
  AnnotationTool tool_ = AnnotationTool::Select;
  std::optional<std::string> selected_;
  std::string label_text_ = "Note";
  Drag drag_ = Drag::None;
  PointF drag_start_;
  PointF drag_last_;
  PointF fixed_corner_;  // the corner (or arrow end) that stays put while resizing
  int handle_ = -1;
  bool created_ = false;
};

}  // namespace tftsr::gui
