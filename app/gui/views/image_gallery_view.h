#pragma once
// The screenshots of one incident as a grid of thumbnails. Only the rows on screen are drawn and
// only their thumbnails are made: decode, burn-in of the marks and shrinking run on the pool (a
// few at a time, so other work is not starved), the GL texture is made on the UI thread, and a
// spinner holds the place meanwhile. Each cell shows the name, pixel and file size, and a
// "not reviewed" badge until the privacy warning is acknowledged; a click opens the preview.
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "app/gui/app_state.h"
#include "app/gui/texture_cache.h"

namespace tftsr::gui {

class ImageGalleryView : public std::enable_shared_from_this<ImageGalleryView> {
 public:
  static constexpr int kThumbnailSide = 256;  // pixels kept per thumbnail (sharp on HiDPI)
  static constexpr std::size_t kThumbnailJobs = 2;

  ImageGalleryView(std::string incident_id, std::shared_ptr<TextureCache> textures);
  ~ImageGalleryView();

  void draw(AppState& state);
  void cancel_jobs(WorkerPool& pool);

  const std::vector<ImageAttachment>& images() const { return images_; }
  bool listed() const { return listed_; }
  std::size_t thumbnails_ready() const;
  std::size_t thumbnails_pending() const { return in_flight_.size(); }
  int first_drawn() const { return first_drawn_; }
  int end_drawn() const { return end_drawn_; }

 private:
  void refresh(AppState& state);
  void request_thumbnail(AppState& state, const ImageAttachment& image);
  void draw_cell(AppState& state, const ImageAttachment& image, float side);

  std::string incident_id_;
  std::shared_ptr<TextureCache> textures_;
  std::uint64_t loaded_version_ = 0;
  std::vector<ImageAttachment> images_;
  std::string error_;
  JobId list_job_ = 0;
  bool listed_ = false;  // the first listing arrived
  std::map<std::string, JobId> in_flight_;  // image id -> thumbnail job
  std::set<std::string> failed_;
  int first_drawn_ = 0, end_drawn_ = 0;  // image indexes drawn in the last frame
};

}  // namespace tftsr::gui
