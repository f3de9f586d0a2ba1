#pragma once
// Tells what an image file is from its bytes alone (never its name) and reads its size from the
// header, so that everything unsupported, truncated or too large is refused before decoding.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/images/image_limits.h"

namespace tftsr {

enum class ImageFormat { Png, Jpeg, Gif, Bmp, Webp };

struct ImageProbe {
  ImageFormat format = ImageFormat::Png;
  std::string mime_type;  // "image/png", "image/jpeg", "image/gif", "image/bmp", "image/webp"
  int width = 0;
  int height = 0;
  int bits_per_channel = 8;  // 16 for a 16-bit PNG, which decodes (and exports) at 8
};

// Throws Error(InvalidInput) with a message naming the problem: empty file, not an image, a
// recognised but unsupported format (TIFF, HEIC, SVG, animated WebP...), truncated or corrupt header, or a
// file or pixel size over `limits`.
ImageProbe probe_image(std::string_view bytes, const ImageLimits& limits = {});

// The file-size part of the checks, for callers that know the size before reading the bytes.
void check_image_file_size(std::uint64_t size, const ImageLimits& limits = {});

const char* format_name(ImageFormat format);  // "PNG", "JPEG", "GIF", "BMP", "WebP"
const char* mime_type_of(ImageFormat format);

}  // namespace tftsr
