#include "core/images/image_decoder.h"

#include <stb/stb_image.h>
#include <stb/stb_image_write.h>
#include <webp/decode.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstring>
#include <memory>

#include "core/error.h"
#include "core/images/area_resampler.h"
#include "core/images/image_probe.h"

namespace tftsr {
namespace {

void check_image_shape(const RgbaImage& image, const char* what) {
  if (image.width <= 0 || image.height <= 0 ||
      image.pixels.size() != static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height) * 4)
    throw Error(ErrorKind::InvalidInput, std::string(what) + ": the image has no pixels or a pixel buffer of the wrong size");
}

// stb_image has no WebP: libwebp decodes it.
RgbaImage decode_webp(std::string_view bytes, const ImageProbe& probe) {
  int width = 0, height = 0;
  std::unique_ptr<std::uint8_t, decltype(&WebPFree)> pixels(
      WebPDecodeRGBA(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size(), &width, &height), &WebPFree);
  if (!pixels) throw Error(ErrorKind::InvalidInput, "cannot decode the WebP image (truncated or corrupt)");
  if (width != probe.width || height != probe.height)
    throw Error(ErrorKind::InvalidInput, "corrupt WebP file: the header and the image data disagree on its size");
  RgbaImage image;
  image.width = width;
  image.height = height;
  image.pixels.assign(pixels.get(), pixels.get() + static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4);
  return image;
}

}  // namespace

RgbaImage decode_image(std::string_view bytes, const ImageLimits& limits) {
  const ImageProbe probe = probe_image(bytes, limits);
  if (probe.format == ImageFormat::Webp) return decode_webp(bytes, probe);
  if (bytes.size() > static_cast<std::size_t>(INT_MAX))
    throw Error(ErrorKind::InvalidInput, "the file is too large to decode");

  int width = 0, height = 0, channels_in_file = 0;
  std::unique_ptr<stbi_uc, decltype(&stbi_image_free)> pixels(
      stbi_load_from_memory(reinterpret_cast<const stbi_uc*>(bytes.data()), static_cast<int>(bytes.size()), &width,
                            &height, &channels_in_file, 4),
      &stbi_image_free);
  if (!pixels) {
    const char* reason = stbi_failure_reason();
    throw Error(ErrorKind::InvalidInput, std::string("cannot decode the ") + format_name(probe.format) +
                                             " image (truncated or corrupt): " + (reason ? reason : "unknown reason"));
  }
  if (width != probe.width || height != probe.height)
    throw Error(ErrorKind::InvalidInput, std::string("corrupt ") + format_name(probe.format) +
                                             " file: the header and the image data disagree on its size");

  RgbaImage image;
  image.width = width;
  image.height = height;
  const std::size_t size = static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4;
  image.pixels.assign(pixels.get(), pixels.get() + size);
  return image;
}

RgbaImage make_thumbnail(const RgbaImage& image, int max_side) {
  if (max_side <= 0) throw Error(ErrorKind::InvalidInput, "thumbnail size must be at least 1 pixel");
  check_image_shape(image, "cannot make a thumbnail");
  if (image.width <= max_side && image.height <= max_side) return image;

  const double scale = static_cast<double>(max_side) / std::max(image.width, image.height);
  const int width = std::clamp(static_cast<int>(std::lround(image.width * scale)), 1, std::min(max_side, image.width));
  const int height = std::clamp(static_cast<int>(std::lround(image.height * scale)), 1, std::min(max_side, image.height));
  return shrink_by_area(image, width, height);
}

std::string encode_png(const RgbaImage& image) {
  check_image_shape(image, "cannot encode PNG");
  std::string out;
  auto append = [](void* context, void* data, int size) {
    static_cast<std::string*>(context)->append(static_cast<const char*>(data), static_cast<std::size_t>(size));
  };
  if (!stbi_write_png_to_func(append, &out, image.width, image.height, 4, image.pixels.data(), image.width * 4))
    throw Error(ErrorKind::Internal, "cannot encode PNG: out of memory");
  return out;
}

}  // namespace tftsr
