#include <doctest/doctest.h>

#include <fstream>

#include "app/gui/gui_options.h"
#include "core/images/image_decoder.h"
#include "tests/support/ui_driver/ui_fixture.h"

using namespace tftsr;
using namespace tftsr::gui;
using namespace tftsr::gui::test;

namespace {

struct Files {
  std::filesystem::path log, image;
  explicit Files(const std::filesystem::path& dir) {
    log = dir / "gateway.log";
    std::ofstream(log) << "2024-05-01 10:00:00 ERROR tunnel down\n2024-05-01 10:00:05 INFO tunnel up\n";
    image = dir / "screen.png";
    RgbaImage picture;
    picture.width = 4;
    picture.height = 3;
    picture.pixels.assign(4 * 3 * 4, 200);
    std::ofstream(image, std::ios::binary) << encode_png(picture);
  }
};

bool imported(Triage& triage, const std::string& incident) {
  return triage.logs().list(incident).size() == 1 && triage.images().list(incident).size() == 1;
}

}  // namespace

TEST_CASE("files given on the command line are offered, and go into a new incident") {
  UiFixture f;
  const Files files(f.dir.path());
  f.shell->offer_files({files.log, files.image});
  f.wait_unlocked();
  REQUIRE(f.ui->frames_until([&] { return f.ui->has("open_files.import"); }));
  f.ui->click("open_files.import");
  Triage& triage = *f.shell->state().triage;
  REQUIRE(f.ui->frames_until([&] { return triage.incidents().count({}) == 1; }));
  const Incident created = triage.incidents().list({}).front();
  CHECK(created.title == "Investigate 2 files");
  CHECK(f.ui->frames_until([&] { return imported(triage, created.id); }, 20000));
  CHECK(f.shell->state().centre.active == Tab{"incident", created.id});
  CHECK_FALSE(f.ui->has("open_files.import"));
}

TEST_CASE("files given on the command line can go into an incident the user chooses") {
  UiFixture f;
  f.wait_unlocked();
  Triage& triage = *f.shell->state().triage;
  NewIncident in;
  in.title = "VPN down";
  in.severity = "P2";
  const Incident vpn = triage.incidents().create(in);
  in.title = "Printer jam";
  triage.incidents().create(in);
  const Files files(f.dir.path());
  f.shell->offer_files({files.log, files.image});
  REQUIRE(f.ui->frames_until([&] { return f.ui->has("open_files.existing"); }));
  f.ui->click("open_files.existing");
  f.ui->click("open_files.incident");
  f.ui->click("open_files.incident:VPN down");
  f.ui->click("open_files.import");
  CHECK(f.ui->frames_until([&] { return imported(triage, vpn.id); }, 20000));
  CHECK(triage.incidents().count({}) == 2);  // no new incident
}

TEST_CASE("declining the offer imports nothing") {
  UiFixture f;
  const Files files(f.dir.path());
  f.shell->offer_files({files.log});
  f.wait_unlocked();
  REQUIRE(f.ui->frames_until([&] { return f.ui->has("open_files.cancel"); }));
  f.ui->click("open_files.cancel");
  f.ui->frame(3);
  CHECK_FALSE(f.ui->has("open_files.import"));
  CHECK(f.shell->state().triage->incidents().count({}) == 0);
}

TEST_CASE("file arguments of the desktop program are taken as absolute paths and a missing one is refused") {
  TempDir dir;
  const auto file = dir.path() / "app.log";
  std::ofstream(file) << "x\n";
  const std::string path = file.string(), missing = (dir.path() / "nope.log").string();
  std::string args[] = {"tftsr", "--frames", "3", path};
  char* argv[] = {args[0].data(), args[1].data(), args[2].data(), args[3].data()};
  const GuiOptions options = parse_gui_options(4, argv);
  REQUIRE(options.files.size() == 1);
  CHECK(options.files[0] == file);
  CHECK(options.frames == 3);
  std::string bad[] = {"tftsr", missing};
  char* bad_argv[] = {bad[0].data(), bad[1].data()};
  CHECK_THROWS_WITH_AS(parse_gui_options(2, bad_argv), ("'" + missing + "' is not a file that can be opened.").c_str(), Error);
}
