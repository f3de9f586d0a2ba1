#pragma once
// Decoding to RGBA, thumbnails and PNG encoding: the pixel side of attached screenshots.
#include <string>
#include <string_view>

#include "core/images/image_limits.h"
#include "core/images/rgba_image.h"

namespace tftsr {

// Probes first (see probe_image), then decodes to 8-bit RGBA; a GIF gives its first frame.
// Throws Error(InvalidInput) naming the problem when the data is truncated or corrupt.
RgbaImage decode_image(std::string_view bytes, const ImageLimits& limits = {});

// Scales down (never up) so that neither side exceeds max_side, keeping the aspect ratio; an area
// filter, so small text in screenshots averages out instead of aliasing.
RgbaImage make_thumbnail(const RgbaImage& image, int max_side);

// Lossless PNG of the image, in memory.
std::string encode_png(const RgbaImage& image);

}  // namespace tftsr
