// Any text as annotation JSON: rejected with tftsr::Error, or accepted and then stable through a
// write/read round trip and safe to render.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/error.h"
#include "core/images/annotation.h"
#include "core/images/image_renderer.h"
#include "core/images/label_font.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tftsr;
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::vector<Annotation> annotations;
  try {
    annotations = annotations_from_json(text);
  } catch (const Error&) {
    return 0;
  }
  if (annotations_from_json(annotations_to_json(annotations)).size() != annotations.size()) std::abort();
  static const RgbaImage canvas{32, 24, std::vector<std::uint8_t>(32 * 24 * 4, 128)};
  RenderOptions options;
  options.font = LabelFont::builtin();  // no process spawning inside the fuzz loop
  render_for_export(canvas, annotations, options);
  return 0;
}
