#pragma once
// The annotations of one image as the editor sees them: add, move, resize, restyle, delete, with
// undo and redo. History is kept as whole snapshots: an image carries a handful of annotations, so
// a copy is cheap and undo can never drift out of step with the edits.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/images/annotation.h"

namespace tftsr {

class AnnotationDocument {
 public:
  AnnotationDocument() = default;
  explicit AnnotationDocument(std::vector<Annotation> annotations);  // empty ids get fresh ones

  const std::vector<Annotation>& annotations() const { return annotations_; }
  const Annotation* find(std::string_view id) const;

  // Adds on top of the others; an empty id gets a fresh one. Returns the id.
  std::string add(Annotation annotation);
  void move(std::string_view id, double dx, double dy);
  void resize(std::string_view id, PointF p1, PointF p2);
  void replace(const Annotation& annotation);  // colour, stroke, text... found by its id
  void remove(std::string_view id);

  // A drag sends many moves; between begin_gesture and end_gesture they count as one undo step.
  void begin_gesture();
  void end_gesture();

  bool can_undo() const { return !undo_.empty(); }
  bool can_redo() const { return !redo_.empty(); }
  void undo();
  void redo();

  bool modified() const { return modified_; }
  void mark_saved() { modified_ = false; }

  static constexpr std::size_t kMaxHistory = 256;

 private:
  Annotation& get(std::string_view id);
  void record();  // snapshot before a change
  std::string fresh_id() const;

  std::vector<Annotation> annotations_;
  std::vector<std::vector<Annotation>> undo_;
  std::vector<std::vector<Annotation>> redo_;
  bool in_gesture_ = false;
  bool gesture_recorded_ = false;
  bool modified_ = false;
};

}  // namespace tftsr
