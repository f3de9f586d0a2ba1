#pragma once
// One screenshot in its own tab: decoded on the worker pool and shown pixel-exact, with wheel zoom
// around the cursor, Fit and 100%, panning (middle button or Space + drag), the privacy banner
// until the user confirms the review, the annotation editor (each finished gesture saved to the
// store), export with the marks burned in, and delete with confirmation.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "app/gui/app_state.h"
#include "app/gui/tab_view.h"
#include "app/gui/texture_cache.h"
#include "app/gui/view_jobs.h"
#include "app/gui/views/image_annotation_editor.h"
#include "app/gui/views/image_zoom.h"

namespace tftsr::gui {

class ImagePreviewView : public TabView {
 public:
  static constexpr const char* kKind = "image";
  // Reads the image's record and annotations; the pixels are decoded from the first draw on.
  ImagePreviewView(AppState& state, const std::string& image_id);
  ~ImagePreviewView() override;

  std::string title(const AppState& state) const override;
  void draw(AppState& state) override;
  void cancel_jobs() override { jobs_.cancel(); }
  bool shows(const std::string& id) const override { return id == id_ || (info_ && info_->issue_id == id); }

  // The burned-in PNG goes to path on the pool (after any save still running); a toast reports.
  void export_to(AppState& state, std::filesystem::path path);

  const std::string& image_id() const { return id_; }
  bool pixels_shown() const;  // the full-size texture is on screen
  bool acknowledged() const { return info_ && info_->pii_warning_acknowledged; }
  bool busy() const { return save_running_ || export_running_; }
  const ImageZoom& zoom() const { return zoom_; }
  ImVec2 canvas_origin() const { return canvas_min_; }  // screen position of the canvas
  ImageAnnotationEditor& editor() { return editor_; }
  const std::string& error() const { return error_; }
  // 16 for a 16-bit PNG (known once decoded): the export says it has 8 bits per channel.
  int source_bits_per_channel() const { return source_bits_; }

 private:
  std::string texture_key() const { return "full:" + id_; }
  void load(AppState& state);
  void request_decode(AppState& state);
  void request_save(AppState& state);
  void draw_banner(AppState& state);
  void draw_toolbar(AppState& state);
  void draw_canvas(AppState& state);
  void draw_delete_confirmation(AppState& state);

  std::string id_;
  std::shared_ptr<TextureCache> textures_;
  std::optional<ImageAttachment> info_;
  std::string error_;
  bool decode_requested_ = false;
  int source_bits_ = 8;
  ImageAnnotationEditor editor_;
  ImageZoom zoom_;
  ImVec2 canvas_min_{0, 0};
  ImVec2 canvas_size_{0, 0};
  bool save_running_ = false;
  bool save_again_ = false;
  bool export_running_ = false;
  std::optional<std::filesystem::path> export_after_save_;
  bool ask_delete_ = false;
  bool focused_ = false;
  ViewJobs jobs_;
};

}  // namespace tftsr::gui
