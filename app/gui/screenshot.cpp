#include "app/gui/screenshot.h"

#include <glad/gl.h>
#include <stb_image_write.h>

#include <algorithm>
#include <vector>

#include "core/error.h"

namespace tftsr::gui {

void save_framebuffer_png(const std::filesystem::path& file, int width, int height) {
  if (width <= 0 || height <= 0) throw Error(ErrorKind::Io, "The window has no pixels to save.");
  const auto stride = static_cast<std::size_t>(width) * 3;
  std::vector<unsigned char> pixels(stride * static_cast<std::size_t>(height));
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
  // GL's origin is the bottom-left corner; PNG rows go top to bottom.
  std::vector<unsigned char> flipped(pixels.size());
  for (int y = 0; y < height; ++y)
    std::copy_n(&pixels[static_cast<std::size_t>(height - 1 - y) * stride], stride,
                &flipped[static_cast<std::size_t>(y) * stride]);
  if (!stbi_write_png(file.c_str(), width, height, 3, flipped.data(), static_cast<int>(stride)))
    throw Error(ErrorKind::Io, "Could not write the screenshot " + file.string() + ".");
}

}  // namespace tftsr::gui
