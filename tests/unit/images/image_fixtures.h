#pragma once
// Test images made on the fly, so the repository carries no large binaries.
#include <cstdint>
#include <string>
#include <vector>

#include "core/images/rgba_image.h"

namespace tftsr::test {

RgbaImage solid_image(int width, int height, std::uint8_t r, std::uint8_t g, std::uint8_t b, std::uint8_t a = 255);
RgbaImage noise_image(int width, int height, std::uint32_t seed);  // every byte random, alpha included

std::string to_bmp(const RgbaImage& image);  // 24-bit, bottom-up
std::string to_jpeg(const RgbaImage& image, int quality);

// A GIF with a 4-colour palette and one frame per entry of `frames` (palette indices, row-major).
std::string make_gif(int width, int height, const std::vector<std::uint32_t>& palette_rgb,
                     const std::vector<std::vector<std::uint8_t>>& frames);

std::string read_data_file(const std::string& name);  // from tests/data/images/

}  // namespace tftsr::test
