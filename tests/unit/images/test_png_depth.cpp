// A 16-bit PNG decodes (to 8 bits per channel) and says it is 16-bit, so the export can warn.
#include <doctest/doctest.h>

#include <zlib.h>

#include <string>

#include "core/images/image_decoder.h"
#include "core/images/image_probe.h"

using namespace tftsr;

namespace {

void put32(std::string& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>((v >> shift) & 0xFF));
}

void chunk(std::string& out, const char* type, const std::string& data) {
  put32(out, static_cast<std::uint32_t>(data.size()));
  const std::string body = std::string(type, 4) + data;
  out += body;
  put32(out, static_cast<std::uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(body.data()), static_cast<uInt>(body.size()))));
}

// 2×1 RGB, 16 bits per sample: the high bytes are 0x12.. and 0xAB.., the low bytes noise.
std::string sixteen_bit_png() {
  std::string png = "\x89PNG\r\n\x1a\n";
  std::string ihdr;
  put32(ihdr, 2);
  put32(ihdr, 1);
  ihdr += std::string("\x10\x02\x00\x00\x00", 5);  // depth 16, colour type 2 (RGB)
  chunk(png, "IHDR", ihdr);
  const std::string row = std::string("\x00", 1) + "\x12\x01\x34\x02\x56\x03" + "\xAB\x04\xCD\x05\xEF\x06";
  uLongf size = compressBound(static_cast<uLong>(row.size()));
  std::string packed(size, '\0');
  REQUIRE(compress(reinterpret_cast<Bytef*>(packed.data()), &size, reinterpret_cast<const Bytef*>(row.data()),
                   static_cast<uLong>(row.size())) == Z_OK);
  packed.resize(size);
  chunk(png, "IDAT", packed);
  chunk(png, "IEND", "");
  return png;
}

}  // namespace

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
