#pragma once
// Tells what an image file is from its bytes alone (never its name) and reads its size from the
// header, so that everything unsupported, truncated or too large is refused before decoding.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/images/image_limits.h"

namespace tftsr {

enum class ImageFormat { Png, Jpeg, Gif, Bmp };

struct ImageProbe {
  ImageFormat format = ImageFormat::Png;
  std::string mime_type;  // "image/png", "image/jpeg", "image/gif", "image/bmp"
  int width = 0;
  int height = 0;
};

// Throws Error(InvalidInput) with a message naming the problem: empty file, not an image, a
// recognised but unsupported format (WebP, TIFF, HEIC, SVG...), truncated or corrupt header, or a
// file or pixel size over `limits`.
ImageProbe probe_image(std::string_view bytes, const ImageLimits& limits = {});

// The file-size part of the checks, for callers that know the size before reading the bytes.
void check_image_file_size(std::uint64_t size, const ImageLimits& limits = {});

const char* format_name(ImageFormat format);  // "PNG", "JPEG", "GIF", "BMP"
const char* mime_type_of(ImageFormat format);

}  // namespace tftsr
