#pragma once
// A shell with one incident and one generated screenshot, and the mouse gestures the image tests
// need beyond the driver's clicks: drags at image pixel positions of the preview.
#include <filesystem>
#include <string>

#include "app/gui/views/image_gallery_view.h"
#include "app/gui/views/image_preview_view.h"
#include "core/images/rgba_image.h"
#include "tests/support/ui_driver/ui_fixture.h"

namespace tftsr::gui::test {

// A 64 x 48 picture where every pixel differs from its neighbours and none is black.
RgbaImage test_picture(int width = 64, int height = 48);
std::filesystem::path write_png(const std::filesystem::path& dir, const std::string& name, const RgbaImage& image);

struct ImageFixture {
  UiFixture f;
  std::string incident_id;
  RgbaImage picture = test_picture();
  ImageAttachment image;

  ImageFixture();
  Triage& triage() { return *f.shell->state().triage; }
  // The views of the open gallery and preview tabs; null until the shell made them.
  ImageGalleryView* gallery_view() { return f.shell->find_view<ImageGalleryView>(incident_id); }
  ImagePreviewView* preview_view(const std::string& image_id) { return f.shell->find_view<ImagePreviewView>(image_id); }
  // Opens the preview tab by clicking the thumbnail in the gallery and waits for the pixels.
  ImagePreviewView& open_preview();
  // Presses the left button at image pixel `from`, drags to `to` over several frames, releases.
  void drag(ImagePreviewView& preview, PointF from, PointF to);
  void click_at(ImagePreviewView& preview, PointF at);
  // Runs frames until the preview has no save or export running.
  void settle(ImagePreviewView& preview);
};

}  // namespace tftsr::gui::test
