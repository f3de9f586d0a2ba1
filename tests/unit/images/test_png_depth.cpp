// A 16-bit PNG decodes (to 8 bits per channel) and says it is 16-bit, so the export can warn.
#include <doctest/doctest.h>

#include <string>

#include "core/images/image_decoder.h"
#include "core/images/image_probe.h"
#include "tests/support/sixteen_bit_png.h"

using namespace tftsr;
using tftsr::test::sixteen_bit_png;

TEST_CASE("png depth: a 16-bit PNG is probed as 16-bit and decodes to its high bytes") {
  const std::string png = sixteen_bit_png();
  const ImageProbe probe = probe_image(png);
  CHECK(probe.format == ImageFormat::Png);
  CHECK(probe.bits_per_channel == 16);
  const RgbaImage image = decode_image(png);
  REQUIRE(image.width == 2);
  CHECK(image.pixels[0] == 0x12);
  CHECK(image.pixels[1] == 0x34);
  CHECK(image.pixels[2] == 0x56);
  CHECK(image.pixels[3] == 0xFF);
  CHECK(image.pixels[4] == 0xAB);
}

TEST_CASE("png depth: an ordinary PNG is 8-bit") {
  RgbaImage small;
  small.width = small.height = 2;
  small.pixels.assign(16, 7);
  CHECK(probe_image(encode_png(small)).bits_per_channel == 8);
}
