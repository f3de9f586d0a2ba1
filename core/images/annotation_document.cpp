#include "core/images/annotation_document.h"

#include <algorithm>

#include "core/error.h"

namespace tftsr {
AnnotationDocument::AnnotationDocument(std::vector<Annotation> annotations) {
  for (Annotation& a : annotations) {
    check_annotation_geometry(a);
    if (a.id.empty()) a.id = fresh_id();
    if (find(a.id)) throw Error(ErrorKind::InvalidInput, "two annotations share the id \"" + a.id + "\"");
    annotations_.push_back(std::move(a));
  }
}

const Annotation* AnnotationDocument::find(std::string_view id) const {
  auto it = std::find_if(annotations_.begin(), annotations_.end(), [&](const Annotation& a) { return a.id == id; });
  return it == annotations_.end() ? nullptr : &*it;
}

Annotation& AnnotationDocument::get(std::string_view id) {
  auto it = std::find_if(annotations_.begin(), annotations_.end(), [&](const Annotation& a) { return a.id == id; });
  if (it == annotations_.end()) throw Error(ErrorKind::NotFound, "no annotation with id \"" + std::string(id) + "\"");
  return *it;
}

std::string AnnotationDocument::fresh_id() const {
  for (std::size_t n = annotations_.size() + 1;; ++n) {
    std::string id = std::string("a").append(std::to_string(n));  // not "a" + ...: GCC 12 -Wrestrict false alarm
    if (!find(id)) return id;
  }
}

void AnnotationDocument::record() {
  modified_ = true;
  redo_.clear();
  if (in_gesture_) {
    if (gesture_recorded_) return;
    gesture_recorded_ = true;
  }
  undo_.push_back(annotations_);
  if (undo_.size() > kMaxHistory) undo_.erase(undo_.begin());
}

std::string AnnotationDocument::add(Annotation annotation) {
  check_annotation_geometry(annotation);
  if (annotation.id.empty()) annotation.id = fresh_id();
  if (find(annotation.id)) throw Error(ErrorKind::InvalidInput, "an annotation with id \"" + annotation.id + "\" already exists");
  record();
  annotations_.push_back(annotation);
  return annotation.id;
}

void AnnotationDocument::move(std::string_view id, double dx, double dy) {
  Annotation moved = get(id);
  moved.p1 = {moved.p1.x + dx, moved.p1.y + dy};
  moved.p2 = {moved.p2.x + dx, moved.p2.y + dy};
  check_annotation_geometry(moved);
  record();
  get(id) = moved;
}

void AnnotationDocument::resize(std::string_view id, PointF p1, PointF p2) {
  Annotation resized = get(id);
  resized.p1 = p1;
  resized.p2 = p2;
  check_annotation_geometry(resized);
  record();
  get(id) = resized;
}

void AnnotationDocument::replace(const Annotation& annotation) {
  get(annotation.id);  // must exist
  check_annotation_geometry(annotation);
  record();
  get(annotation.id) = annotation;
}

void AnnotationDocument::remove(std::string_view id) {
  get(id);
  record();
  std::erase_if(annotations_, [&](const Annotation& a) { return a.id == id; });
}

void AnnotationDocument::begin_gesture() {
  in_gesture_ = true;
  gesture_recorded_ = false;
}

void AnnotationDocument::end_gesture() {
  in_gesture_ = false;
  gesture_recorded_ = false;
}

void AnnotationDocument::undo() {
  if (undo_.empty()) return;
  end_gesture();
  redo_.push_back(std::move(annotations_));
  annotations_ = std::move(undo_.back());
  undo_.pop_back();
  modified_ = true;
}

void AnnotationDocument::redo() {
  if (redo_.empty()) return;
  end_gesture();
  undo_.push_back(std::move(annotations_));
  annotations_ = std::move(redo_.back());
  redo_.pop_back();
  modified_ = true;
}

}  // namespace tftsr
