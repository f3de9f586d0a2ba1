#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <string>

#include "core/error.h"
#include "core/images/image_decoder.h"
#include "image_fixtures.h"

using namespace tftsr;
using namespace std::string_literals;

namespace {

std::string decode_error(const std::string& bytes) {
  try {
    decode_image(bytes);
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::InvalidInput);
    return e.what();
  }
  FAIL("the decoder accepted what it should refuse");
  return {};
}

const std::uint8_t* pixel(const RgbaImage& image, int x, int y) { return &image.pixels[image.offset(x, y)]; }

}  // namespace

TEST_CASE("decode: PNG encode then decode is lossless, alpha included") {
  const RgbaImage original = test::noise_image(64, 33, 10);
  const std::string png = encode_png(original);
  CHECK(png.starts_with("\x89PNG"));
  const RgbaImage decoded = decode_image(png);
  CHECK(decoded == original);
}

TEST_CASE("decode: BMP decodes exactly, opaque") {
  const RgbaImage original = test::noise_image(13, 9, 11);
  const RgbaImage decoded = decode_image(test::to_bmp(original));
  REQUIRE(decoded.width == 13);
  REQUIRE(decoded.height == 9);
  for (int y = 0; y < 9; ++y)
    for (int x = 0; x < 13; ++x) {
      for (int c = 0; c < 3; ++c) CHECK(pixel(decoded, x, y)[c] == pixel(original, x, y)[c]);
      CHECK(pixel(decoded, x, y)[3] == 255);
    }
}

TEST_CASE("decode: JPEG decodes to RGBA close to the original colours") {
  const RgbaImage original = test::solid_image(32, 16, 200, 40, 90);
  const RgbaImage decoded = decode_image(test::to_jpeg(original, 95));
  REQUIRE(decoded.width == 32);
  REQUIRE(decoded.height == 16);
  REQUIRE(decoded.pixels.size() == 32u * 16u * 4u);
  const std::uint8_t* p = pixel(decoded, 16, 8);
  CHECK(std::abs(p[0] - 200) <= 4);
  CHECK(std::abs(p[1] - 40) <= 4);
  CHECK(std::abs(p[2] - 90) <= 4);
  CHECK(p[3] == 255);
}

TEST_CASE("decode: an animated GIF gives its first frame") {
  const std::vector<std::uint32_t> palette = {0x000000, 0xFF0000, 0x00FF00, 0x0000FF};
  const std::string gif = test::make_gif(3, 2, palette, {{1, 2, 3, 1, 2, 3}, {0, 0, 0, 0, 0, 0}});
  const RgbaImage decoded = decode_image(gif);
  REQUIRE(decoded.width == 3);
  REQUIRE(decoded.height == 2);
  const std::vector<std::uint8_t> expected = {255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255,
                                              255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255};
  CHECK(decoded.pixels == expected);
}

TEST_CASE("decode: truncated or corrupt data gives a specific error") {
  const std::string cut = decode_error(test::read_data_file("truncated_data.png"));
  CHECK(cut.starts_with("cannot decode the PNG image (truncated or corrupt): "));
  CHECK(cut.size() > std::string("cannot decode the PNG image (truncated or corrupt): ").size());

  std::string jpeg = test::to_jpeg(test::noise_image(64, 64, 12), 90);
  jpeg.resize(jpeg.find("\xff\xda"s) + 4);  // header intact, scan data gone
  CHECK(decode_error(jpeg).starts_with("cannot decode the JPEG image (truncated or corrupt): "));

  std::string png = encode_png(test::noise_image(16, 16, 13));
  png[png.find("IDAT") + 6] ^= 0x5A;  // inside the zlib stream
  CHECK(decode_error(png).starts_with("cannot decode the PNG image"));
}

TEST_CASE("decode: probe refusals come through unchanged") {
  CHECK(decode_error("") == "the file is empty");
  CHECK(decode_error(test::read_data_file("huge_30000x30000.png")).starts_with("image is 30000\u00d730000 pixels"));
  CHECK(decode_error(test::read_data_file("text_named.png")) == "not an image: the content is not PNG, JPEG, GIF, BMP or WebP");
}

TEST_CASE("thumbnail: keeps the aspect ratio and never upscales") {
  const RgbaImage wide = test::noise_image(400, 200, 20);
  const RgbaImage thumb = make_thumbnail(wide, 100);
  CHECK(thumb.width == 100);
  CHECK(thumb.height == 50);
  CHECK(thumb.pixels.size() == 100u * 50u * 4u);

  const RgbaImage tall = make_thumbnail(test::noise_image(30, 3000, 21), 256);
  CHECK(tall.width == 3);
  CHECK(tall.height == 256);

  const RgbaImage thin = make_thumbnail(test::noise_image(5000, 2, 22), 100);
  CHECK(thin.width == 100);
  CHECK(thin.height == 1);  // never zero

  const RgbaImage small = test::noise_image(50, 40, 23);
  CHECK(make_thumbnail(small, 64) == small);
}

TEST_CASE("thumbnail: averages areas instead of sampling points") {
  // A 1-pixel checkerboard shrunk 4x: point sampling would give pure black or white, an area
  // filter gives mid grey (188 in sRGB for half the light).
  RgbaImage checker = test::solid_image(256, 256, 0, 0, 0);
  for (int y = 0; y < 256; ++y)
    for (int x = (y % 2); x < 256; x += 2)
      for (int c = 0; c < 3; ++c) checker.pixels[checker.offset(x, y) + static_cast<std::size_t>(c)] = 255;
  const RgbaImage thumb = make_thumbnail(checker, 64);
  REQUIRE(thumb.width == 64);
  for (int y = 0; y < 64; ++y)
    for (int x = 0; x < 64; ++x) {
      const std::uint8_t* p = pixel(thumb, x, y);
      CHECK(p[0] >= 180);
      CHECK(p[0] <= 195);
      CHECK(p[3] == 255);
    }

  const RgbaImage solid = make_thumbnail(test::solid_image(300, 300, 17, 130, 250, 255), 30);
  for (int i = 0; i < 30 * 30; ++i) {
    CHECK(std::abs(solid.pixels[static_cast<std::size_t>(i) * 4] - 17) <= 1);
    CHECK(std::abs(solid.pixels[static_cast<std::size_t>(i) * 4 + 1] - 130) <= 1);
    CHECK(std::abs(solid.pixels[static_cast<std::size_t>(i) * 4 + 2] - 250) <= 1);
  }
}

TEST_CASE("thumbnail: a non-integer ratio splits source pixels between output pixels exactly") {
  // 300 -> 200: each output column covers 1.5 source columns. Black up to column 150, white after.
  RgbaImage halves = test::solid_image(300, 30, 0, 0, 0);
  for (int y = 0; y < 30; ++y)
    for (int x = 150; x < 300; ++x)
      for (int c = 0; c < 3; ++c) halves.pixels[halves.offset(x, y) + static_cast<std::size_t>(c)] = 255;
  halves.pixels[halves.offset(149, 0)] = 255;  // column 149, row 0: red channel only
  const RgbaImage thumb = make_thumbnail(halves, 200);
  REQUIRE(thumb.width == 200);
  REQUIRE(thumb.height == 20);
  CHECK(pixel(thumb, 98, 5)[0] == 0);
  CHECK(pixel(thumb, 99, 5)[0] == 0);  // source 148.5..150: all black
  CHECK(pixel(thumb, 100, 5)[0] == 255);  // source 150..151.5: all white
  // Output (99, 0) covers source columns 148.5..150 and rows 0..1.5: the red pixel (149, 0) is
  // 2/3 of that width and 2/3 of that height, so 4/9 of the area, averaged in linear light.
  const double linear = 4.0 / 9.0;
  const double expected = 255 * (1.055 * std::pow(linear, 1 / 2.4) - 0.055);
  CHECK(std::abs(pixel(thumb, 99, 0)[0] - expected) <= 1.0);
  CHECK(pixel(thumb, 99, 0)[1] == 0);
}

TEST_CASE("thumbnail: transparent pixels do not bleed their hidden colour") {
  // Columns alternate opaque blue and fully transparent red.
  RgbaImage image = test::solid_image(200, 200, 0, 0, 255, 255);
  for (int y = 0; y < 200; ++y)
    for (int x = 1; x < 200; x += 2) {
      std::uint8_t* p = &image.pixels[image.offset(x, y)];
      p[0] = 255;
      p[1] = 0;
      p[2] = 0;
      p[3] = 0;
    }
  const RgbaImage thumb = make_thumbnail(image, 50);
  const std::uint8_t* p = pixel(thumb, 25, 25);
  CHECK(p[0] <= 2);  // no red
  CHECK(p[2] >= 250);
  CHECK(std::abs(p[3] - 128) <= 2);  // half covered
}

TEST_CASE("thumbnail and PNG encoding refuse bad arguments") {
  CHECK_THROWS_AS(make_thumbnail(test::noise_image(10, 10, 24), 0), Error);
  CHECK_THROWS_AS(make_thumbnail(RgbaImage{}, 10), Error);
  CHECK_THROWS_AS(encode_png(RgbaImage{}), Error);
  CHECK_THROWS_AS(encode_png(RgbaImage{4, 4, std::vector<std::uint8_t>(10)}), Error);
}
