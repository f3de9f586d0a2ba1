// Any bytes at all: the probe and the decoder must either succeed with consistent sizes or throw
// tftsr::Error; never crash, hang or touch memory they do not own.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/error.h"
#include "core/images/image_decoder.h"
#include "core/images/image_probe.h"
#include "core/images/image_renderer.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tftsr;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  ImageLimits limits;  // smaller than the defaults, so one input cannot exhaust the fuzzer's memory
  limits.max_side = 2048;
  limits.max_pixels = 1 << 20;
  try {
    const ImageProbe probe = probe_image(bytes, limits);
    const RgbaImage image = decode_image(bytes, limits);
    if (image.width != probe.width || image.height != probe.height) std::abort();
    if (image.pixels.size() != static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height) * 4) std::abort();
    const RgbaImage thumb = make_thumbnail(image, 16);
    if (thumb.width > 16 || thumb.height > 16) std::abort();
    Annotation box;
    box.id = "r";
    box.kind = AnnotationKind::RedactionBox;
    box.p1 = {1, 1};
    box.p2 = {image.width / 2.0 + 1, image.height / 2.0 + 1};
    render_for_export(image, {box});
  } catch (const Error&) {
  }
  return 0;
}
