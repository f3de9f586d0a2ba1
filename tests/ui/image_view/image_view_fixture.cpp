#include "image_view_fixture.h"

#include <doctest/doctest.h>

#include <fstream>

#include "core/images/image_decoder.h"

namespace tftsr::gui::test {

RgbaImage test_picture(int width, int height) {
  RgbaImage image{width, height, std::vector<std::uint8_t>(static_cast<std::size_t>(width * height) * 4)};
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) {
      const std::size_t o = image.offset(x, y);
      image.pixels[o] = static_cast<std::uint8_t>(40 + x * 3);
      image.pixels[o + 1] = static_cast<std::uint8_t>(40 + y * 4);
      image.pixels[o + 2] = static_cast<std::uint8_t>(200 - (x + y));
      image.pixels[o + 3] = 255;
    }
  return image;
}

std::filesystem::path write_png(const std::filesystem::path& dir, const std::string& name, const RgbaImage& image) {
  const auto path = dir / name;
  std::ofstream(path, std::ios::binary) << encode_png(image);
  return path;
}

ImageFixture::ImageFixture() {
  f.wait_unlocked();
  NewIncident in;
  in.title = "Checkout page blank";
  in.severity = "P2";
  incident_id = triage().incidents().create(in).id;
  image = triage().images().add(incident_id, write_png(f.dir.path(), "checkout.png", picture)).image;
  f.shell->state().changed();
}

ImagePreviewView& ImageFixture::open_preview() {
  f.shell->state().open_tab(Tab{"gallery", incident_id});
  REQUIRE(f.ui->frames_until([&] {
    auto* g = gallery_view();
    return g && g->thumbnails_ready() == 1;
  }));
  f.ui->click("gallery.image:checkout.png");
  ImagePreviewView* preview = nullptr;
  REQUIRE(f.ui->frames_until([&] {
    preview = preview_view(image.id);
    return preview && preview->pixels_shown();
  }));
  f.ui->frame(2);
  return *preview;
}

namespace {
ImVec2 screen_of(ImagePreviewView& preview, PointF p) {
  const ImVec2 c = preview.zoom().to_canvas(p);
  return ImVec2(preview.canvas_origin().x + c.x, preview.canvas_origin().y + c.y);
}
}  // namespace

void ImageFixture::drag(ImagePreviewView& preview, PointF from, PointF to) {
  ImGuiIO& io = f.context.io();
  io.MousePos = screen_of(preview, from);
  f.ui->frame();
  io.MouseDown[0] = true;
  f.ui->frame();
  for (int step = 1; step <= 4; ++step) {
    const double t = step / 4.0;
    io.MousePos = screen_of(preview, {from.x + (to.x - from.x) * t, from.y + (to.y - from.y) * t});
    f.ui->frame();
  }
  io.MouseDown[0] = false;
  f.ui->frame(2);
}

void ImageFixture::click_at(ImagePreviewView& preview, PointF at) {
  ImGuiIO& io = f.context.io();
  io.MousePos = screen_of(preview, at);
  f.ui->frame();
  io.MouseDown[0] = true;
  f.ui->frame();
  io.MouseDown[0] = false;
  f.ui->frame(2);
}

void ImageFixture::settle(ImagePreviewView& preview) {
  REQUIRE(f.ui->frames_until([&] { return !preview.busy() && !f.pool.busy(); }, 10000));
}

}  // namespace tftsr::gui::test
