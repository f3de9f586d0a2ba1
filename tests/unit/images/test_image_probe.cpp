#include <doctest/doctest.h>

#include <string>

#include "core/error.h"
#include "core/images/image_decoder.h"
#include "core/images/image_probe.h"
#include "image_fixtures.h"

using namespace tftsr;
using namespace std::string_literals;

namespace {

// The message of the InvalidInput error probe_image throws for `bytes` (fails the test otherwise).
std::string refusal(const std::string& bytes, const ImageLimits& limits = {}) {
  try {
    probe_image(bytes, limits);
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::InvalidInput);
    return e.what();
  }
  FAIL("the probe accepted what it should refuse");
  return {};
}

std::string png_header(std::uint32_t width, std::uint32_t height) {
  std::string out = "\x89PNG\r\n\x1a\n"s + "\0\0\0\x0dIHDR"s;
  for (std::uint32_t v : {width, height})
    for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((v >> shift) & 0xFF);
  out += "\x08\x06\0\0\0"s + "\0\0\0\0"s;  // 8-bit RGBA, CRC not checked by the probe
  return out;
}

}  // namespace

TEST_CASE("probe: reads type and size of each supported format from the bytes") {
  const RgbaImage image = test::noise_image(37, 21, 1);

  const ImageProbe png = probe_image(encode_png(image));
  CHECK(png.format == ImageFormat::Png);
  CHECK(png.mime_type == "image/png");
  CHECK(png.width == 37);
  CHECK(png.height == 21);

  const ImageProbe jpeg = probe_image(test::to_jpeg(image, 90));
  CHECK(jpeg.format == ImageFormat::Jpeg);
  CHECK(jpeg.mime_type == "image/jpeg");
  CHECK(jpeg.width == 37);
  CHECK(jpeg.height == 21);

  const ImageProbe bmp = probe_image(test::to_bmp(image));
  CHECK(bmp.format == ImageFormat::Bmp);
  CHECK(bmp.mime_type == "image/bmp");
  CHECK(bmp.width == 37);
  CHECK(bmp.height == 21);

  const ImageProbe gif = probe_image(test::make_gif(3, 2, {0xFF0000}, {{0, 0, 0, 0, 0, 0}}));
  CHECK(gif.format == ImageFormat::Gif);
  CHECK(gif.mime_type == "image/gif");
  CHECK(gif.width == 3);
  CHECK(gif.height == 2);
}

TEST_CASE("probe: JPEG size comes from the frame header after other segments") {
  std::string jpeg = test::to_jpeg(test::noise_image(50, 40, 2), 80);
  // An APP1 segment in front of everything, as cameras and screenshot tools write.
  const std::string app1 = "\xff\xe1\x00\x10"s + "Exif\0\0padding!"s;  // length 16 = 2 + 14 bytes
  REQUIRE(app1.size() == 18);
  jpeg.insert(2, app1);
  const ImageProbe probe = probe_image(jpeg);
  CHECK(probe.width == 50);
  CHECK(probe.height == 40);
}

TEST_CASE("probe: an empty file is refused as empty") {
  CHECK(refusal("") == "the file is empty");
}

TEST_CASE("probe: a text file named .png is not an image") {
  CHECK(refusal(test::read_data_file("text_named.png")) == "not an image: the content is not PNG, JPEG, GIF, BMP or WebP");
  CHECK(refusal("BMW service log: all good\n") == "not an image: the content is not PNG, JPEG, GIF, BMP or WebP");
}

TEST_CASE("probe: recognised but unsupported formats are named") {
  CHECK(refusal("II*\0\x08\0\0\0"s + std::string(16, '\0')).starts_with("TIFF is not supported"));
  CHECK(refusal("MM\0*\0\0\0\x08"s + std::string(16, '\0')).starts_with("TIFF is not supported"));
  CHECK(refusal("\0\0\0\x18" "ftypheic\0\0\0\0mif1heic"s).starts_with("HEIC/HEIF is not supported"));
  CHECK(refusal("\0\0\0\x1c" "ftypavif\0\0\0\0avifmif1"s).starts_with("AVIF is not supported"));
  CHECK(refusal("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>").starts_with("SVG is not supported"));
  CHECK(refusal("  <SVG width=\"10\"></SVG>").starts_with("SVG is not supported"));
  CHECK(refusal("%PDF-1.7\n").starts_with("PDF is not supported"));
}

TEST_CASE("probe: truncated headers are refused as truncated") {
  CHECK(refusal(test::read_data_file("truncated_header.png")) == "truncated PNG file: the header is incomplete");
  CHECK(refusal("\x89PNG"s) == "truncated image file: only 4 bytes");
  CHECK(refusal("GIF89a\x10\0"s) == "truncated GIF file: the header is incomplete");
  CHECK(refusal("\xff\xd8\xff\xe0\x00\x10JFIF"s) == "truncated JPEG file: the header is incomplete");
  CHECK(refusal("BM\0\0\0\0\0\0"s) == "truncated BMP file: the header is incomplete");
  const std::string jpeg = test::to_jpeg(test::noise_image(8, 8, 3), 80);
  const std::size_t frame = jpeg.find("\xff\xc0"s);
  REQUIRE(frame != std::string::npos);
  CHECK(refusal(jpeg.substr(0, frame + 6)) == "truncated JPEG file: the header is incomplete");
}

TEST_CASE("probe: a 30000x30000 header is refused before decoding") {
  CHECK(refusal(test::read_data_file("huge_30000x30000.png")) ==
        "image is 30000\u00d730000 pixels; the limit is 16384 pixels per side and 100 megapixels");
}

TEST_CASE("probe: the megapixel limit applies even when each side is within bounds") {
  CHECK(refusal(png_header(12000, 9000)).starts_with("image is 12000\u00d79000 pixels"));
  CHECK_NOTHROW(probe_image(png_header(10000, 10000)));
  ImageLimits small;
  small.max_side = 100;
  small.max_pixels = 5000;
  CHECK(refusal(png_header(101, 10), small) == "image is 101\u00d710 pixels; the limit is 100 pixels per side and 0.005 megapixels");
  CHECK(refusal(png_header(80, 80), small).starts_with("image is 80\u00d780 pixels"));
  CHECK(probe_image(png_header(100, 50), small).width == 100);
}

TEST_CASE("probe: the file size limit") {
  ImageLimits limits;
  limits.max_file_bytes = 1024 * 1024;
  const std::string big = png_header(10, 10) + std::string(2 * 1024 * 1024, '\0');
  CHECK(refusal(big, limits) == "the file is 2.0 MiB; the limit is 1.0 MiB");
  CHECK(ImageLimits{}.max_file_bytes == 50ull * 1024 * 1024);
}

TEST_CASE("probe: zero-sized images are corrupt") {
  CHECK(refusal(png_header(0, 10)) == "corrupt PNG file: the image has zero width or height");
  CHECK(refusal("GIF89a\x00\x00\x05\x00\x00\x00\x00"s) == "corrupt GIF file: the image has zero width or height");
}

TEST_CASE("probe: JPEG variants stb_image cannot decode are named") {
  const std::string sof = "\x00\x0b\x08\x00\x10\x00\x10\x01\x01\x11\x00"s;
  CHECK(refusal("\xff\xd8\xff\xc9"s + sof).starts_with("arithmetic-coded JPEG is not supported"));
  CHECK(refusal("\xff\xd8\xff\xc3"s + sof).starts_with("lossless JPEG is not supported"));
  CHECK(refusal("\xff\xd8\xff\xc0\x00\x0b\x0c\x00\x10\x00\x10\x01\x01\x11\x00"s) ==
        "JPEG with 12-bit samples is not supported (only 8-bit)");
  CHECK(refusal("\xff\xd8\xff\xda\x00\x02"s) == "corrupt JPEG file: image data starts before the frame header");
  const ImageProbe progressive = probe_image("\xff\xd8\xff\xc2"s + sof);
  CHECK(progressive.width == 16);
  CHECK(progressive.height == 16);
}

TEST_CASE("probe: BMP stored top-down has a positive height") {
  std::string bmp = test::to_bmp(test::noise_image(5, 7, 4));
  // Height is a signed 32-bit field at offset 22; negative means rows are stored top-down.
  const std::int32_t negative = -7;
  for (int i = 0; i < 4; ++i) bmp[22 + static_cast<std::size_t>(i)] = static_cast<char>((static_cast<std::uint32_t>(negative) >> (8 * i)) & 0xFF);
  const ImageProbe probe = probe_image(bmp);
  CHECK(probe.width == 5);
  CHECK(probe.height == 7);
  bmp[30] = 1;  // BI_RLE8
  CHECK(refusal(bmp) == "RLE-compressed BMP is not supported");
}
