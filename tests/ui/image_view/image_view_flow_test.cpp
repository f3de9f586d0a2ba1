#include <doctest/doctest.h>

#include <chrono>
#include <thread>

#include <GLFW/glfw3.h>

#include <cstdlib>
#include <fstream>

#include "core/images/image_decoder.h"
#include "image_view_fixture.h"

using namespace tftsr;
using namespace tftsr::gui;
using namespace tftsr::gui::test;

namespace {
bool has_notice(AppState& state, const std::string& title_part) {
  for (const Notice& n : state.notifications.all())
    if (n.title.find(title_part) != std::string::npos) return true;
  return false;
}
const Notice* last_notice(AppState& state) {
  return state.notifications.all().empty() ? nullptr : &state.notifications.all().back();
}
}  // namespace

TEST_CASE("an image file dropped on the window is attached to the open incident by its content") {
  ImageFixture t;
  t.f.shell->state().open_tab(Tab{"incident", t.incident_id});
  t.f.ui->frame(2);
  // No image extension: the bytes say it is a PNG, so it must not go to the log importer.
  const auto path = write_png(t.f.dir.path(), "capture_without_extension", test_picture(20, 10));
  t.f.shell->drop_files({path});
  // The worker stores the image; the notice follows when the UI thread applies the result.
  REQUIRE(t.f.ui->frames_until([&] {
    return t.triage().images().list(t.incident_id).size() == 2 && has_notice(t.f.shell->state(), "Screenshot attached");
  }));
  CHECK(t.triage().logs().list(t.incident_id).empty());
  const auto images = t.triage().images().list(t.incident_id);
  CHECK(std::any_of(images.begin(), images.end(),
                    [](const ImageAttachment& i) { return i.width == 20 && i.height == 10; }));
  CHECK(has_notice(t.f.shell->state(), "Screenshot attached"));
}

TEST_CASE("a dropped file that claims to be a PNG but is broken is refused with the core's reason") {
  ImageFixture t;
  t.f.shell->state().open_tab(Tab{"incident", t.incident_id});
  t.f.ui->frame(2);
  const auto path = t.f.dir.path() / "broken.png";
  std::ofstream(path, std::ios::binary) << std::string("\x89PNG\r\n\x1a\n", 8) << "not really";
  t.f.shell->drop_files({path});
  REQUIRE(t.f.ui->frames_until([&] { return has_notice(t.f.shell->state(), "Could not attach broken.png"); }));
  CHECK_FALSE(last_notice(t.f.shell->state())->message.empty());
  CHECK(t.triage().images().list(t.incident_id).size() == 1);
}

TEST_CASE("the preview's review button acknowledges the image and clears the gallery badge") {
  ImageFixture t;
  ImagePreviewView& preview = t.open_preview();
  CHECK_FALSE(preview.acknowledged());
  // The badge is in the gallery tab, which is behind the preview now: check the store instead and
  // come back to the gallery after the review.
  CHECK_FALSE(t.triage().images().get(t.image.id).pii_warning_acknowledged);
  t.f.ui->click("image.acknowledge");
  CHECK(preview.acknowledged());
  CHECK(t.triage().images().get(t.image.id).pii_warning_acknowledged);
  CHECK_FALSE(t.f.ui->has("image.acknowledge"));  // the banner is gone
  t.f.shell->state().open_tab(Tab{"gallery", t.incident_id});
  // The gallery reloads its list on the worker pool: give it a bounded while to arrive.
  t.f.ui->frame(3);
  for (int i = 0; i < 200 && t.f.ui->has("gallery.badge:checkout.png"); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    t.f.ui->frame(1);
  }
  CHECK(t.f.ui->has("gallery.image:checkout.png"));
  CHECK_FALSE(t.f.ui->has("gallery.badge:checkout.png"));
}

TEST_CASE("an unreviewed image shows its badge in the gallery") {
  ImageFixture t;
  t.f.shell->state().open_tab(Tab{"gallery", t.incident_id});
  REQUIRE(t.f.ui->frames_until([&] { return t.f.ui->has("gallery.badge:checkout.png"); }));
}

TEST_CASE("a redaction box drawn with the mouse is saved and survives a restart and is burned into the export") {
  ImageFixture t;
  ImagePreviewView& preview = t.open_preview();
  t.f.ui->click("image.tool.redaction");
  t.drag(preview, {10, 10}, {30, 20});
  t.settle(preview);

  const auto saved = t.triage().images().annotations(t.image.id);
  REQUIRE(saved.size() == 1);
  CHECK(saved[0].kind == AnnotationKind::RedactionBox);
  const RectF box = bounds_of(saved[0]);
  CHECK(box.left == doctest::Approx(10).epsilon(0.02));
  CHECK(box.top == doctest::Approx(10).epsilon(0.02));
  CHECK(box.right == doctest::Approx(30).epsilon(0.02));
  CHECK(box.bottom == doctest::Approx(20).epsilon(0.02));

  const auto out = t.f.dir.path() / "exported";
  preview.export_to(t.f.shell->state(), out);
  t.settle(preview);
  REQUIRE(std::filesystem::exists(t.f.dir.path() / "exported.png"));
  CHECK(has_notice(t.f.shell->state(), "Image exported"));
  std::ifstream in(t.f.dir.path() / "exported.png", std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const RgbaImage exported = decode_image(bytes);
  REQUIRE(exported.width == t.picture.width);
  REQUIRE(exported.height == t.picture.height);
  const Color fill = default_color(AnnotationKind::RedactionBox);
  for (int y = 11; y < 19; ++y)
    for (int x = 11; x < 29; ++x) {
      const std::size_t o = exported.offset(x, y);
      CHECK(exported.pixels[o] == fill.r);
      CHECK(exported.pixels[o + 1] == fill.g);
      CHECK(exported.pixels[o + 2] == fill.b);
      CHECK(exported.pixels[o + 3] == 255);
    }
  for (auto [x, y] : {std::pair{5, 5}, {40, 30}, {8, 15}, {32, 15}, {20, 22}, {20, 8}, {63, 47}})
    for (int c = 0; c < 4; ++c)
      CHECK(exported.pixels[exported.offset(x, y) + static_cast<std::size_t>(c)] ==
            t.picture.pixels[t.picture.offset(x, y) + static_cast<std::size_t>(c)]);

  // A restart: the store is closed and opened again, the preview loads the same box, editable.
  t.f.shell->close_store();
  auto reopened = open_store(t.f.dir.path());
  const auto again = reopened->images().annotations(t.image.id);
  REQUIRE(again.size() == 1);
  CHECK(again[0] == saved[0]);
}

TEST_CASE("a new shell over the same store shows the saved box in the editor where Del deletes it") {
  TempDir dir;
  std::string image_id;
  {
    auto triage = open_store(dir.path());
    NewIncident in;
    in.title = "Saved marks";
    in.severity = "P3";
    const std::string incident = triage->incidents().create(in).id;
    image_id = triage->images().add_bytes(incident, "shot.png", encode_png(test_picture()), true).image.id;
    Annotation box;
    box.id = "box-1";
    box.kind = AnnotationKind::RedactionBox;
    box.p1 = {5, 5};
    box.p2 = {15, 12};
    triage->images().save_annotations(image_id, {box});
  }
  UiConfig config;
  WorkerPool pool{2};
  HeadlessContext context;
  Shell shell(pool, config, ShellOptions{dir.path(), std::string(kPassphrase), false});
  UiDriver ui(context, [&] { shell.frame(); });
  REQUIRE(ui.frames_until([&] { return shell.unlocked(); }, 20000));
  shell.state().open_tab(Tab{"image", image_id});
  ImagePreviewView* preview = nullptr;
  REQUIRE(ui.frames_until([&] {
    preview = shell.find_view<ImagePreviewView>(image_id);
    return preview && preview->pixels_shown();
  }));
  REQUIRE(preview->editor().document().annotations().size() == 1);
  CHECK(preview->editor().document().annotations()[0].kind == AnnotationKind::RedactionBox);
  CHECK(preview->title(shell.state()) == "shot.png");
  // Select it by clicking inside, then Del: the deletion is saved.
  const ImVec2 c = preview->zoom().to_canvas({10, 8});
  context.io().MousePos = ImVec2(preview->canvas_origin().x + c.x, preview->canvas_origin().y + c.y);
  ui.frame();
  context.io().MouseDown[0] = true;
  ui.frame();
  context.io().MouseDown[0] = false;
  ui.frame(2);
  REQUIRE(preview->editor().selected().has_value());
  ui.press(GLFW_KEY_DELETE);
  REQUIRE(ui.frames_until([&] { return !preview->busy() && !pool.busy(); }));
  CHECK(shell.state().triage->images().annotations(image_id).empty());
  pool.shutdown();
  pool.drain();
}

TEST_CASE("pasting without xclip or wl-paste installed says what to install") {
  ImageFixture t;
  t.f.shell->state().open_tab(Tab{"incident", t.incident_id});
  t.f.ui->frame(2);
  const std::string saved_path = std::getenv("PATH") ? std::getenv("PATH") : "";
  ::setenv("PATH", t.f.dir.path().c_str(), 1);  // an empty folder: no helper anywhere
  t.f.ui->press(GLFW_KEY_V, true);
  ::setenv("PATH", saved_path.c_str(), 1);
  const Notice* n = last_notice(t.f.shell->state());
  REQUIRE(n != nullptr);
  CHECK(n->title == "Cannot read the clipboard");
  CHECK(n->message.find("xclip") != std::string::npos);
}

TEST_CASE("deleting an image asks first then removes it and closes its tab") {
  ImageFixture t;
  ImagePreviewView& preview = t.open_preview();
  (void)preview;
  t.f.ui->click("image.delete");
  REQUIRE(t.f.ui->has("image.delete.confirm"));
  CHECK(t.triage().images().list(t.incident_id).size() == 1);  // nothing happens before the answer
  t.f.ui->click("image.delete.confirm");
  CHECK(t.triage().images().list(t.incident_id).empty());
  t.f.ui->frame(2);
  CHECK_FALSE(t.f.ui->has("image.canvas"));
  CHECK(has_notice(t.f.shell->state(), "Image deleted"));
}

namespace {
// A stand-in for xclip in a folder put first on PATH: prints `png` (or fails as xclip does when the
// clipboard holds no image).
struct FakeClipboard {
  std::string saved_path = std::getenv("PATH") ? std::getenv("PATH") : "";
  std::string saved_wayland = std::getenv("WAYLAND_DISPLAY") ? std::getenv("WAYLAND_DISPLAY") : "";
  FakeClipboard(const std::filesystem::path& dir, const std::filesystem::path* png) {
    const auto bin = dir / "bin";
    std::filesystem::create_directories(bin);
    std::ofstream script(bin / "xclip");
    script << "#!/bin/sh\n";
    if (png)
      script << "exec cat '" << png->string() << "'\n";
    else
      script << "echo 'Error: target image/png not available' >&2\nexit 1\n";
    script.close();
    std::filesystem::permissions(bin / "xclip", std::filesystem::perms::owner_all);
    ::setenv("PATH", (bin.string() + ":" + saved_path).c_str(), 1);
    ::unsetenv("WAYLAND_DISPLAY");
  }
  ~FakeClipboard() {
    ::setenv("PATH", saved_path.c_str(), 1);
    if (!saved_wayland.empty()) ::setenv("WAYLAND_DISPLAY", saved_wayland.c_str(), 1);
  }
};
}  // namespace

TEST_CASE("Ctrl+V pastes the clipboard's PNG into the open incident marked as a paste") {
  ImageFixture t;
  t.f.shell->state().open_tab(Tab{"incident", t.incident_id});
  t.f.ui->frame(2);
  const auto png = write_png(t.f.dir.path(), "clip.png", test_picture(30, 20));
  FakeClipboard clipboard(t.f.dir.path(), &png);
  t.f.ui->press(GLFW_KEY_V, true);
  REQUIRE(t.f.ui->frames_until([&] { return t.triage().images().list(t.incident_id).size() == 2; }));
  const auto images = t.triage().images().list(t.incident_id);
  const auto pasted = std::find_if(images.begin(), images.end(), [](const ImageAttachment& i) { return i.is_paste; });
  REQUIRE(pasted != images.end());
  CHECK(pasted->width == 30);
  CHECK(pasted->file_name.rfind("screenshot-", 0) == 0);
  CHECK_FALSE(pasted->pii_warning_acknowledged);
}

TEST_CASE("pasting when the clipboard holds no image says so") {
  ImageFixture t;
  t.f.shell->state().open_tab(Tab{"gallery", t.incident_id});
  t.f.ui->frame(2);
  FakeClipboard clipboard(t.f.dir.path(), nullptr);
  t.f.ui->click("gallery.paste");
  REQUIRE(t.f.ui->frames_until([&] { return has_notice(t.f.shell->state(), "Nothing to paste"); }));
  CHECK(last_notice(t.f.shell->state())->message.find("no image") != std::string::npos);
  CHECK(t.triage().images().list(t.incident_id).size() == 1);
}
