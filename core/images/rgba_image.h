#pragma once
// A decoded image: 8-bit RGBA, rows top to bottom, no padding between rows.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace tftsr {

struct RgbaImage {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> pixels;  // width * height * 4 bytes

  std::size_t offset(int x, int y) const {
    return (static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)) * 4;
  }
  bool operator==(const RgbaImage&) const = default;
};

}  // namespace tftsr
