#pragma once
// The open gallery and preview tabs, with the texture cache they share: one gallery per incident
// and one preview per image, created when their tab is first drawn and dropped (background work
// cancelled, textures freed) when it closes. Texture uploads advance once a frame here.
#include <map>
#include <memory>
#include <string>

#include "app/gui/texture_cache.h"
#include "app/gui/views/image_gallery_view.h"
#include "app/gui/views/image_preview_view.h"

namespace tftsr::gui {

class ImageViews {
 public:
  void draw_gallery(AppState& state, const std::string& incident_id);
  void draw_preview(AppState& state, const std::string& image_id);
  void forget_gallery(AppState& state, const std::string& incident_id);
  void forget_preview(AppState& state, const std::string& image_id);

  // Null when that tab was never drawn.
  ImageGalleryView* gallery(const std::string& incident_id);
  ImagePreviewView* preview(const std::string& image_id);
  std::string preview_title(const std::string& image_id) const;

  // True while textures are still being uploaded: the frame loop must keep drawing.
  bool busy() const { return textures_ && textures_->uploading(); }
  TextureCache& textures();

 private:
  void upload_once_per_frame();

  std::shared_ptr<TextureCache> textures_;  // made on first use, on the UI thread (GL is current)
  std::map<std::string, std::shared_ptr<ImageGalleryView>> galleries_;
  std::map<std::string, std::shared_ptr<ImagePreviewView>> previews_;
  int uploaded_frame_ = -1;
};

}  // namespace tftsr::gui
