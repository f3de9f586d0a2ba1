#pragma once
// The screenshots of one incident as a grid of thumbnails. Only the rows on screen are drawn and
// only their thumbnails are made: decode, burn-in of the marks and shrinking run on the pool (a
// few at a time, so other work is not starved), the GL texture is made on the UI thread, and a
// spinner holds the place meanwhile. Each cell shows the name, pixel and file size, and a
// "not reviewed" badge until the privacy warning is acknowledged; a click opens the preview.
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "app/gui/app_state.h"
#include "app/gui/tab_view.h"
#include "app/gui/texture_cache.h"
#include "app/gui/view_jobs.h"

namespace tftsr::gui {

class ImageGalleryView : public TabView {
 public:
  static constexpr const char* kKind = "gallery";  // the tab's id is the incident's
  static constexpr int kThumbnailSide = 256;  // pixels kept per thumbnail (sharp on HiDPI)
  static constexpr std::size_t kThumbnailJobs = 2;

  ImageGalleryView(AppState& state, const std::string& incident_id);
  ~ImageGalleryView() override;

  std::string title(const AppState& state) const override;
  void draw(AppState& state) override;
  void cancel_jobs() override { jobs_.cancel(); }
  bool shows(const std::string& id) const override { return id == incident_id_; }

  const std::vector<ImageAttachment>& images() const { return images_; }
  bool listed() const { return listed_; }
  std::size_t thumbnails_ready() const;
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
  bool listing_ = false;
  bool listed_ = false;  // the first listing arrived
  std::set<std::string> in_flight_;  // image ids whose thumbnail is being made
  std::set<std::string> failed_;
  int first_drawn_ = 0, end_drawn_ = 0;  // image indexes drawn in the last frame
  ViewJobs jobs_;
};

}  // namespace tftsr::gui
