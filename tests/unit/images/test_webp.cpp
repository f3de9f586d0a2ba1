// WebP screenshots: made at test time with libwebp's own encoder, then probed and decoded.
#include <doctest/doctest.h>

#include <webp/encode.h>

#include <cstdlib>
#include <memory>
#include <string>

#include "core/error.h"
#include "core/images/image_decoder.h"
#include "core/images/image_probe.h"
#include "image_fixtures.h"

using namespace tftsr;

namespace {

std::string to_webp(const RgbaImage& image, bool lossless) {
  std::uint8_t* out = nullptr;
  const std::size_t size =
      lossless ? WebPEncodeLosslessRGBA(image.pixels.data(), image.width, image.height, image.width * 4, &out)
               : WebPEncodeRGBA(image.pixels.data(), image.width, image.height, image.width * 4, 90.0f, &out);
  std::unique_ptr<std::uint8_t, decltype(&WebPFree)> owned(out, &WebPFree);
  REQUIRE(size > 0);
  return std::string(reinterpret_cast<const char*>(out), size);
}

std::string refusal(const std::string& bytes) {
  try {
    decode_image(bytes);
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::InvalidInput);
    return e.what();
  }
  FAIL("the decoder accepted what it should refuse");
  return {};
}

}  // namespace

TEST_CASE("webp: a lossless WebP is recognised and decodes exactly, alpha included") {
  RgbaImage original = test::noise_image(37, 21, 5);
  // The simple encoder may drop the colour of fully transparent pixels; keep every alpha above 0.
  for (std::size_t i = 3; i < original.pixels.size(); i += 4) original.pixels[i] |= 1;
  const std::string webp = to_webp(original, true);
  const ImageProbe probe = probe_image(webp);
  CHECK(probe.format == ImageFormat::Webp);
  CHECK(probe.mime_type == "image/webp");
  CHECK(probe.width == 37);
  CHECK(probe.height == 21);
  CHECK(decode_image(webp) == original);
}

TEST_CASE("webp: a lossy WebP decodes to its size with colours close to the original") {
  const RgbaImage original = test::solid_image(40, 30, 200, 60, 20);
  const RgbaImage decoded = decode_image(to_webp(original, false));
  REQUIRE(decoded.width == 40);
  REQUIRE(decoded.height == 30);
  const std::uint8_t* p = &decoded.pixels[decoded.offset(20, 15)];
  CHECK(std::abs(p[0] - 200) < 12);
  CHECK(std::abs(p[1] - 60) < 12);
  CHECK(std::abs(p[2] - 20) < 12);
  CHECK(p[3] == 255);
}

TEST_CASE("webp: a corrupt or truncated WebP is refused with a message that says so") {
  const std::string webp = to_webp(test::noise_image(32, 32, 9), true);
  CHECK(refusal(webp.substr(0, 16)) == "truncated WebP file: the header is incomplete");
  std::string garbled = webp;
  for (std::size_t i = 12; i < 24; ++i) garbled[i] = '\x5a';  // the first chunk's header
  CHECK(refusal(garbled) == "corrupt WebP file: its header cannot be read");
  std::string cut = webp.substr(0, webp.size() / 2);  // header intact, image data cut short
  const std::string message = refusal(cut);
  CHECK((message == "cannot decode the WebP image (truncated or corrupt)" ||
         message == "truncated WebP file: the header is incomplete"));
}
