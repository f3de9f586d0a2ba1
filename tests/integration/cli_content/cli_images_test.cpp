// Images through the real binary: add, de-duplicate, annotate, export with burned-in redaction.
#include <doctest/doctest.h>

#include "core/images/image_decoder.h"
#include "tests/support/cli_runner.h"
#include "tests/support/sixteen_bit_png.h"

using namespace tftsr::test;
using nlohmann::json;

namespace {
tftsr::RgbaImage gradient(int w, int h) {
  tftsr::RgbaImage img;
  img.width = w;
  img.height = h;
  img.pixels.resize(static_cast<std::size_t>(w) * h * 4);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      auto* p = &img.pixels[(static_cast<std::size_t>(y) * w + x) * 4];
      p[0] = static_cast<std::uint8_t>(x * 3);
      p[1] = static_cast<std::uint8_t>(y * 5);
      p[2] = 200;
      p[3] = 255;
    }
  return img;
}
}  // namespace

TEST_CASE("a redaction box is burned into the export — every other pixel is the original") {
  Cli cli;
  std::string issue = cli.run_json({"issue", "new", "--title", "dashboard", "--severity", "P3"})["id"];
  const auto original = gradient(80, 60);
  const std::string png = tftsr::encode_png(original);
  write_file(cli.dir / "shot.png", png);

  json added = cli.run_json({"image", "add", issue, (cli.dir / "shot.png").string()});
  CHECK(added["width"] == 80);
  CHECK(added["mime_type"] == "image/png");
  CHECK(added["pii_warning_acknowledged"] == 0);
  CHECK(added["upload_hash"].get<std::string>().size() == 64);
  json again = cli.run_json({"image", "add", issue, (cli.dir / "shot.png").string(), "--ack-pii"});
  CHECK(again["id"] == added["id"]);  // de-duplicated within the incident
  CHECK(again["pii_warning_acknowledged"] == 1);
  CHECK(cli.run_json({"image", "list", issue}).size() == 1);

  const std::string id = added["id"];
  REQUIRE(cli.run({"image", "annotate", id, "--redact", "10,20,30,15"}).exit_code == 0);
  auto r = cli.run({"image", "export", id, "-o", (cli.dir / "out.png").string()});
  REQUIRE(r.exit_code == 0);
  const auto exported = tftsr::decode_image(read_file(cli.dir / "out.png"));
  REQUIRE(exported.width == 80);
  REQUIRE(exported.height == 60);
  for (int y = 0; y < 60; ++y)
    for (int x = 0; x < 80; ++x) {
      const std::size_t i = (static_cast<std::size_t>(y) * 80 + x) * 4;
      const bool inside = x >= 10 && x < 40 && y >= 20 && y < 35;
      for (int c = 0; c < 4; ++c) {
        const int expected = inside ? (c == 3 ? 255 : 0) : original.pixels[i + c];
        if (exported.pixels[i + c] != expected) {
          FAIL_CHECK("pixel " << x << "," << y << " channel " << c << " is " << int(exported.pixels[i + c]));
          return;
        }
      }
    }
  CHECK(cli.run_json({"audit", "--action", "image_export"}).size() == 1);

  // The image bytes are nowhere under the data dir in plaintext.
  const std::string idat = png.substr(png.find("IDAT"), 64);
  for (const auto& e : std::filesystem::recursive_directory_iterator(cli.data_dir()))
    if (e.is_regular_file()) CHECK(read_file(e.path()).find(idat) == std::string::npos);
}

TEST_CASE("exporting a 16-bit PNG says on stderr that the export has 8 bits per channel") {
  Cli cli;
  std::string issue = cli.run_json({"issue", "new", "--title", "deep", "--severity", "P3"})["id"];
  write_file(cli.dir / "deep.png", sixteen_bit_png());
  write_file(cli.dir / "plain.png", tftsr::encode_png(gradient(8, 8)));
  const std::string deep = cli.run_json({"image", "add", issue, (cli.dir / "deep.png").string()})["id"];
  const std::string plain = cli.run_json({"image", "add", issue, (cli.dir / "plain.png").string()})["id"];

  auto r = cli.run({"image", "export", deep, "-o", (cli.dir / "deep-out.png").string()});
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.find("16 bits per channel") != std::string::npos);
  CHECK(r.err.find("has 8") != std::string::npos);
  CHECK(r.out.rfind("wrote ", 0) == 0);  // stdout stays what scripts read
  CHECK(tftsr::decode_image(read_file(cli.dir / "deep-out.png")).pixels[0] == 0x12);
  auto json_export = cli.run({"image", "export", deep, "-o", (cli.dir / "deep2.png").string(), "--json"});
  REQUIRE(json_export.exit_code == 0);
  CHECK(json::parse(json_export.out)["exported"] == deep);  // the notice does not spoil the JSON
  CHECK(json_export.err.find("16 bits per channel") != std::string::npos);

  auto quiet = cli.run({"image", "export", plain, "-o", (cli.dir / "plain-out.png").string()});
  REQUIRE(quiet.exit_code == 0);
  CHECK(quiet.err.empty());
}

TEST_CASE("bad images and bad annotation arguments get specific errors") {
  Cli cli;
  std::string issue = cli.run_json({"issue", "new", "--title", "x", "--severity", "P4"})["id"];
  write_file(cli.dir / "notes.png", "these are notes, not pixels\n");
  auto r = cli.run({"image", "add", issue, (cli.dir / "notes.png").string()});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("not an image") != std::string::npos);
  write_file(cli.dir / "shot.png", tftsr::encode_png(gradient(8, 8)));
  std::string id = cli.run_json({"image", "add", issue, (cli.dir / "shot.png").string()})["id"];
  r = cli.run({"image", "annotate", id, "--redact", "1,2,x,4"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("\"x\" is not a number") != std::string::npos);
  r = cli.run({"image", "annotate", id});
  CHECK(r.exit_code == 2);
  CHECK(cli.run({"image", "delete", id}).exit_code == 0);
  CHECK(cli.run_json({"image", "list", issue}).empty());
}
