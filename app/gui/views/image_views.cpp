#include "app/gui/views/image_views.h"

#include <imgui.h>

namespace tftsr::gui {

TextureCache& ImageViews::textures() {
  if (!textures_) textures_ = std::make_shared<TextureCache>();
  return *textures_;
}

void ImageViews::upload_once_per_frame() {
  const int frame = ImGui::GetFrameCount();
  if (frame == uploaded_frame_) return;
  uploaded_frame_ = frame;
  textures().upload();
}

void ImageViews::draw_gallery(AppState& state, const std::string& incident_id) {
  upload_once_per_frame();
  auto& view = galleries_[incident_id];
  if (!view) view = std::make_shared<ImageGalleryView>(incident_id, textures_);
  view->draw(state);
}

void ImageViews::draw_preview(AppState& state, const std::string& image_id) {
  upload_once_per_frame();
  auto& view = previews_[image_id];
  if (!view) view = std::make_shared<ImagePreviewView>(image_id, textures_);
  view->draw(state);
}

void ImageViews::forget_gallery(AppState& state, const std::string& incident_id) {
  auto it = galleries_.find(incident_id);
  if (it == galleries_.end()) return;
  it->second->cancel_jobs(state.pool);
  galleries_.erase(it);
}

void ImageViews::forget_preview(AppState& state, const std::string& image_id) {
  auto it = previews_.find(image_id);
  if (it == previews_.end()) return;
  it->second->cancel_jobs(state.pool);
  previews_.erase(it);
}

ImageGalleryView* ImageViews::gallery(const std::string& incident_id) {
  auto it = galleries_.find(incident_id);
  return it == galleries_.end() ? nullptr : it->second.get();
}

ImagePreviewView* ImageViews::preview(const std::string& image_id) {
  auto it = previews_.find(image_id);
  return it == previews_.end() ? nullptr : it->second.get();
}

std::string ImageViews::preview_title(const std::string& image_id) const {
  auto it = previews_.find(image_id);
  return it == previews_.end() ? "Image" : it->second->title();
}

}  // namespace tftsr::gui
