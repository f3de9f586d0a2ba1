#include "image_fixtures.h"

#include <stb/stb_image_write.h>

#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace tftsr::test {
namespace {

void append(void* context, void* data, int size) {
  static_cast<std::string*>(context)->append(static_cast<const char*>(data), static_cast<std::size_t>(size));
}

void put16(std::string& out, int value) {
  out += static_cast<char>(value & 0xFF);
  out += static_cast<char>((value >> 8) & 0xFF);
}

}  // namespace

RgbaImage solid_image(int width, int height, std::uint8_t r, std::uint8_t g, std::uint8_t b, std::uint8_t a) {
  RgbaImage image{width, height, {}};
  for (int i = 0; i < width * height; ++i) image.pixels.insert(image.pixels.end(), {r, g, b, a});
  return image;
}

RgbaImage noise_image(int width, int height, std::uint32_t seed) {
  std::mt19937 random(seed);
  RgbaImage image{width, height, std::vector<std::uint8_t>(static_cast<std::size_t>(width) * height * 4)};
  for (auto& byte : image.pixels) byte = static_cast<std::uint8_t>(random());
  return image;
}

std::string to_bmp(const RgbaImage& image) {
  std::vector<std::uint8_t> rgb;
  for (std::size_t i = 0; i < image.pixels.size(); i += 4) rgb.insert(rgb.end(), {image.pixels[i], image.pixels[i + 1], image.pixels[i + 2]});
  std::string out;
  if (!stbi_write_bmp_to_func(append, &out, image.width, image.height, 3, rgb.data())) throw std::runtime_error("bmp");
  return out;
}

std::string to_jpeg(const RgbaImage& image, int quality) {
  std::string out;
  if (!stbi_write_jpg_to_func(append, &out, image.width, image.height, 4, image.pixels.data(), quality))
    throw std::runtime_error("jpeg");
  return out;
}

std::string make_gif(int width, int height, const std::vector<std::uint32_t>& palette_rgb,
                     const std::vector<std::vector<std::uint8_t>>& frames) {
  std::string out = "GIF89a";
  put16(out, width);
  put16(out, height);
  out += static_cast<char>(0x81);  // global colour table of 4 entries
  out += '\0';
  out += '\0';
  for (int i = 0; i < 4; ++i) {
    const std::uint32_t c = i < static_cast<int>(palette_rgb.size()) ? palette_rgb[static_cast<std::size_t>(i)] : 0;
    out += static_cast<char>((c >> 16) & 0xFF);
    out += static_cast<char>((c >> 8) & 0xFF);
    out += static_cast<char>(c & 0xFF);
  }
  for (const auto& frame : frames) {
    out += "\x21\xF9\x04";  // graphic control extension: 10/100 s delay, no transparency
    out += '\0';
    put16(out, 10);
    out += '\0';
    out += '\0';
    out += ',';  // image descriptor
    put16(out, 0);
    put16(out, 0);
    put16(out, width);
    put16(out, height);
    out += '\0';
    out += '\x02';  // LZW minimum code size: codes are 3 bits wide, clear = 4, end = 5
    // A clear code before every pixel keeps the code width at 3 bits: valid LZW, no compression.
    std::vector<std::uint8_t> data;
    std::uint32_t bits = 0;
    int count = 0;
    auto emit = [&](std::uint32_t code) {
      bits |= code << count;
      count += 3;
      while (count >= 8) {
        data.push_back(static_cast<std::uint8_t>(bits & 0xFF));
        bits >>= 8;
        count -= 8;
      }
    };
    for (std::uint8_t index : frame) {
      emit(4);
      emit(index);
    }
    emit(5);
    if (count > 0) data.push_back(static_cast<std::uint8_t>(bits & 0xFF));
    for (std::size_t i = 0; i < data.size(); i += 255) {
      const std::size_t n = std::min<std::size_t>(255, data.size() - i);
      out += static_cast<char>(n);
      out.append(reinterpret_cast<const char*>(data.data() + i), n);
    }
    out += '\0';
  }
  out += ';';
  return out;
}

std::string read_data_file(const std::string& name) {
  std::ifstream in(std::string(TFTSR_TEST_DATA_DIR) + "/images/" + name, std::ios::binary);
  if (!in) throw std::runtime_error("missing test data file " + name);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace tftsr::test
