#include "app/gui/window_icon.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <stb/stb_image.h>

#include <string_view>
#include <utility>
#include <vector>

namespace tftsr::gui::icon_files {
const std::vector<std::pair<std::string_view, std::string_view>>& files();  // embedded_icons.cpp
}

namespace tftsr::gui {

void set_window_icon(GLFWwindow* window) {
  std::vector<GLFWimage> images;
  for (const auto& [name, png] : icon_files::files()) {
    int w = 0, h = 0, channels = 0;
    unsigned char* pixels = stbi_load_from_memory(reinterpret_cast<const unsigned char*>(png.data()),
                                                  static_cast<int>(png.size()), &w, &h, &channels, 4);
    if (pixels) images.push_back(GLFWimage{w, h, pixels});
  }
  if (!images.empty()) glfwSetWindowIcon(window, static_cast<int>(images.size()), images.data());
  for (auto& image : images) stbi_image_free(image.pixels);
}

}  // namespace tftsr::gui
