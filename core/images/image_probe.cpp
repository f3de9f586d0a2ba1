#include "core/images/image_probe.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <optional>

#include <webp/decode.h>

#include "core/error.h"

namespace tftsr {
namespace {

[[noreturn]] void refuse(const std::string& message) { throw Error(ErrorKind::InvalidInput, message); }

bool starts_with(std::string_view bytes, std::string_view magic) {
  return bytes.size() >= magic.size() && bytes.substr(0, magic.size()) == magic;
}

std::uint8_t byte_at(std::string_view bytes, std::size_t i) { return static_cast<std::uint8_t>(bytes[i]); }

std::uint32_t be16(std::string_view b, std::size_t i) {
  return (std::uint32_t{byte_at(b, i)} << 8) | byte_at(b, i + 1);
}
std::uint32_t be32(std::string_view b, std::size_t i) { return (be16(b, i) << 16) | be16(b, i + 2); }
std::uint32_t le16(std::string_view b, std::size_t i) {
  return std::uint32_t{byte_at(b, i)} | (std::uint32_t{byte_at(b, i + 1)} << 8);
}
std::uint32_t le32(std::string_view b, std::size_t i) { return le16(b, i) | (le16(b, i + 2) << 16); }

[[noreturn]] void truncated(ImageFormat format) {
  refuse(std::string("truncated ") + format_name(format) + " file: the header is incomplete");
}

struct Size {
  std::int64_t width;
  std::int64_t height;
};

Size png_size(std::string_view b) {
  // Signature (8), then the first chunk must be IHDR: length (4), type (4), width (4), height (4).
  if (b.size() < 24) truncated(ImageFormat::Png);
  if (b.substr(12, 4) != "IHDR") refuse("corrupt PNG file: the first chunk is not IHDR");
  if (be32(b, 8) != 13) refuse("corrupt PNG file: the IHDR chunk has the wrong length");
  return {be32(b, 16), be32(b, 20)};
}

Size webp_size(std::string_view b) {
  // RIFF (4), size (4), WEBP (4), then a VP8 / VP8L / VP8X chunk that libwebp reads the size from.
  if (b.size() < 20) truncated(ImageFormat::Webp);
  WebPBitstreamFeatures features;
  const VP8StatusCode status = WebPGetFeatures(reinterpret_cast<const std::uint8_t*>(b.data()), b.size(), &features);
  if (status == VP8_STATUS_NOT_ENOUGH_DATA) truncated(ImageFormat::Webp);
  if (status != VP8_STATUS_OK) refuse("corrupt WebP file: its header cannot be read");
  if (features.has_animation) refuse("animated WebP is not supported (only still WebP images)");
  return {features.width, features.height};
}

Size jpeg_size(std::string_view b) {
  // Walk the marker segments after SOI until the first frame header (SOFn).
  std::size_t i = 2;
  while (true) {
    if (i >= b.size()) truncated(ImageFormat::Jpeg);
    if (byte_at(b, i) != 0xFF) refuse("corrupt JPEG file: expected a marker in the header");
    while (i < b.size() && byte_at(b, i) == 0xFF) ++i;  // fill bytes
    if (i >= b.size()) truncated(ImageFormat::Jpeg);
    const std::uint8_t marker = byte_at(b, i++);
    if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) continue;  // no payload
    if (marker == 0xD9) refuse("corrupt JPEG file: it ends before any frame header");
    if (marker == 0xDA) refuse("corrupt JPEG file: image data starts before the frame header");
    if (i + 2 > b.size()) truncated(ImageFormat::Jpeg);
    const std::uint32_t length = be16(b, i);
    if (length < 2) refuse("corrupt JPEG file: a header segment has an invalid length");
    const bool is_frame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    if (is_frame) {
      if (marker == 0xC3 || marker == 0xC7 || marker == 0xCB || marker == 0xCF)
        refuse("lossless JPEG is not supported (supported: baseline and progressive JPEG)");
      if (marker >= 0xC9) refuse("arithmetic-coded JPEG is not supported (supported: baseline and progressive JPEG)");
      if (marker == 0xC5 || marker == 0xC6) refuse("hierarchical JPEG is not supported (supported: baseline and progressive JPEG)");
      if (i + 8 > b.size()) truncated(ImageFormat::Jpeg);
      if (length < 8) refuse("corrupt JPEG file: the frame header is too short");
      if (byte_at(b, i + 2) != 8) refuse("JPEG with " + std::to_string(byte_at(b, i + 2)) + "-bit samples is not supported (only 8-bit)");
      const std::uint32_t height = be16(b, i + 3);
      const std::uint32_t width = be16(b, i + 5);
      if (height == 0) refuse("JPEG whose height is given after the image data (DNL marker) is not supported");
      return {width, height};
    }
    i += length;
  }
}

Size gif_size(std::string_view b) {
  if (b.size() < 13) truncated(ImageFormat::Gif);  // signature (6) + logical screen descriptor (7)
  return {le16(b, 6), le16(b, 8)};
}

// Every BMP info header version that exists; text that happens to start with "BM" has none of these.
bool is_bmp_info_header_size(std::uint32_t size) {
  return size == 12 || size == 16 || size == 40 || size == 52 || size == 56 || size == 64 || size == 108 || size == 124;
}

Size bmp_size(std::string_view b) {
  if (b.size() < 18) truncated(ImageFormat::Bmp);
  const std::uint32_t header_size = le32(b, 14);
  if (header_size == 12) {  // OS/2 BITMAPCOREHEADER: 16-bit unsigned sizes
    if (b.size() < 26) truncated(ImageFormat::Bmp);
    return {le16(b, 18), le16(b, 20)};
  }
  if (header_size != 40 && header_size != 56 && header_size != 108 && header_size != 124)
    refuse("BMP with an unsupported header version (" + std::to_string(header_size) + "-byte info header)");
  if (b.size() < 34) truncated(ImageFormat::Bmp);
  const auto width = static_cast<std::int32_t>(le32(b, 18));
  const auto height = static_cast<std::int32_t>(le32(b, 22));  // negative: rows stored top-down
  const std::uint32_t compression = le32(b, 30);
  if (compression == 1 || compression == 2) refuse("RLE-compressed BMP is not supported");
  if (compression == 4 || compression == 5) refuse("BMP holding embedded JPEG or PNG data is not supported");
  if (width < 0) refuse("corrupt BMP file: negative width");
  return {width, height < 0 ? -static_cast<std::int64_t>(height) : height};
}

bool looks_like_svg(std::string_view b) {
  std::string head(b.substr(0, 1024));
  std::transform(head.begin(), head.end(), head.begin(), [](unsigned char c) { return std::tolower(c); });
  std::size_t start = starts_with(head, "\xef\xbb\xbf") ? 3 : 0;
  while (start < head.size() && std::isspace(static_cast<unsigned char>(head[start]))) ++start;
  head.erase(0, start);
  return starts_with(head, "<svg") || ((starts_with(head, "<?xml") || starts_with(head, "<!doctype")) && head.find("<svg") != std::string::npos);
}

// Formats we recognise but do not decode, so the user learns what they gave us.
std::optional<std::string_view> unsupported_format_name(std::string_view b) {
  if (starts_with(b, std::string_view("II*\0", 4)) || starts_with(b, std::string_view("MM\0*", 4)) ||
      starts_with(b, std::string_view("II+\0", 4)) || starts_with(b, std::string_view("MM\0+", 4)))
    return "TIFF";
  if (b.size() >= 12 && b.substr(4, 4) == "ftyp") {
    const std::string_view brand = b.substr(8, 4);
    if (brand == "avif" || brand == "avis") return "AVIF";
    if (brand == "heic" || brand == "heix" || brand == "hevc" || brand == "hevx" || brand == "heim" ||
        brand == "heis" || brand == "hevm" || brand == "hevs" || brand == "mif1" || brand == "msf1")
      return "HEIC/HEIF";
  }
  if (starts_with(b, std::string_view("\xff\x0a", 2)) || starts_with(b, std::string_view("\0\0\0\x0cJXL \r\n\x87\n", 12)))
    return "JPEG XL";
  if (starts_with(b, std::string_view("\0\0\0\x0cjP  \r\n\x87\n", 12)) || starts_with(b, "\xff\x4f\xff\x51"))
    return "JPEG 2000";
  if (starts_with(b, std::string_view("\0\0\1\0", 4))) return "ICO";
  if (starts_with(b, "8BPS")) return "Photoshop (PSD)";
  if (starts_with(b, "qoif")) return "QOI";
  if (starts_with(b, "#?RADIANCE") || starts_with(b, "#?RGBE")) return "Radiance HDR";
  if (starts_with(b, "\x76\x2f\x31\x01")) return "OpenEXR";
  if (starts_with(b, "%PDF-")) return "PDF";
  if (looks_like_svg(b)) return "SVG";
  return std::nullopt;
}

std::string format_size(std::uint64_t bytes) {
  if (bytes < 1024) return std::to_string(bytes) + " bytes";
  char text[32];
  if (bytes < 1024 * 1024)
    std::snprintf(text, sizeof text, "%.1f KiB", static_cast<double>(bytes) / 1024.0);
  else
    std::snprintf(text, sizeof text, "%.1f MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  return text;
}

std::string format_megapixels(std::int64_t pixels) {
  char text[32];
  std::snprintf(text, sizeof text, "%g megapixels", static_cast<double>(pixels) / 1e6);
  return text;
}

}  // namespace

const char* format_name(ImageFormat format) {
  switch (format) {
    case ImageFormat::Png: return "PNG";
    case ImageFormat::Jpeg: return "JPEG";
    case ImageFormat::Gif: return "GIF";
    case ImageFormat::Bmp: return "BMP";
    case ImageFormat::Webp: return "WebP";
  }
  return "?";
}

const char* mime_type_of(ImageFormat format) {
  switch (format) {
    case ImageFormat::Png: return "image/png";
    case ImageFormat::Jpeg: return "image/jpeg";
    case ImageFormat::Gif: return "image/gif";
    case ImageFormat::Bmp: return "image/bmp";
    case ImageFormat::Webp: return "image/webp";
  }
  return "application/octet-stream";
}

void check_image_file_size(std::uint64_t size, const ImageLimits& limits) {
  if (size == 0) refuse("the file is empty");
  if (size > limits.max_file_bytes)
    refuse("the file is " + format_size(size) + "; the limit is " + format_size(limits.max_file_bytes));
}

ImageProbe probe_image(std::string_view bytes, const ImageLimits& limits) {
  check_image_file_size(bytes.size(), limits);

  ImageFormat format;
  Size size{};
  if (starts_with(bytes, "\x89PNG\r\n\x1a\n")) {
    format = ImageFormat::Png;
    size = png_size(bytes);
  } else if (starts_with(bytes, "\xff\xd8\xff")) {
    format = ImageFormat::Jpeg;
    size = jpeg_size(bytes);
  } else if (starts_with(bytes, "GIF87a") || starts_with(bytes, "GIF89a")) {
    format = ImageFormat::Gif;
    size = gif_size(bytes);
  } else if (starts_with(bytes, "BM") && (bytes.size() < 18 || is_bmp_info_header_size(le32(bytes, 14)))) {
    format = ImageFormat::Bmp;
    size = bmp_size(bytes);
  } else if (starts_with(bytes, "RIFF") && bytes.size() >= 12 && bytes.substr(8, 4) == "WEBP") {
    format = ImageFormat::Webp;
    size = webp_size(bytes);
  } else if (auto name = unsupported_format_name(bytes)) {
    refuse(std::string(*name) + " is not supported (supported formats: PNG, JPEG, GIF, BMP, WebP)");
  } else if (bytes.size() < 8 && (starts_with("\x89PNG\r\n\x1a\n", bytes) || starts_with("GIF89a", bytes) ||
                                  starts_with("GIF87a", bytes) || starts_with("\xff\xd8\xff", bytes))) {
    refuse("truncated image file: only " + std::to_string(bytes.size()) + " bytes");
  } else {
    refuse("not an image: the content is not PNG, JPEG, GIF, BMP or WebP");
  }

  if (size.width <= 0 || size.height <= 0)
    refuse(std::string("corrupt ") + format_name(format) + " file: the image has zero width or height");
  if (size.width > limits.max_side || size.height > limits.max_side || size.width * size.height > limits.max_pixels)
    refuse("image is " + std::to_string(size.width) + "\u00d7" + std::to_string(size.height) + " pixels; the limit is " +
           std::to_string(limits.max_side) + " pixels per side and " + format_megapixels(limits.max_pixels));

  ImageProbe probe;
  probe.format = format;
  probe.mime_type = mime_type_of(format);
  probe.width = static_cast<int>(size.width);
  probe.height = static_cast<int>(size.height);
  if (format == ImageFormat::Png && bytes.size() > 24 && byte_at(bytes, 24) == 16) probe.bits_per_channel = 16;
  return probe;
}

}  // namespace tftsr
