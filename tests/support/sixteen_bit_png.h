#pragma once
// A 2×1 RGB PNG with 16 bits per sample, written byte by byte (our encoder writes 8 bits only):
// the high bytes are 0x12 0x34 0x56 and 0xAB 0xCD 0xEF, the low bytes noise. Links zlib.
#include <zlib.h>

#include <cstdint>
#include <stdexcept>
#include <string>

namespace tftsr::test {

namespace png_detail {
inline void put32(std::string& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>((v >> shift) & 0xFF));
}

inline void chunk(std::string& out, const char* type, const std::string& data) {
  put32(out, static_cast<std::uint32_t>(data.size()));
  const std::string body = std::string(type, 4) + data;
  out += body;
  put32(out, static_cast<std::uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(body.data()), static_cast<uInt>(body.size()))));
}
}  // namespace png_detail

inline std::string sixteen_bit_png() {
  std::string png = "\x89PNG\r\n\x1a\n";
  std::string ihdr;
  png_detail::put32(ihdr, 2);
  png_detail::put32(ihdr, 1);
  ihdr += std::string("\x10\x02\x00\x00\x00", 5);  // depth 16, colour type 2 (RGB)
  png_detail::chunk(png, "IHDR", ihdr);
  const std::string row = std::string("\x00", 1) + "\x12\x01\x34\x02\x56\x03" + "\xAB\x04\xCD\x05\xEF\x06";
  uLongf size = compressBound(static_cast<uLong>(row.size()));
  std::string packed(size, '\0');
  if (compress(reinterpret_cast<Bytef*>(packed.data()), &size, reinterpret_cast<const Bytef*>(row.data()),
               static_cast<uLong>(row.size())) != Z_OK)
    throw std::runtime_error("zlib could not compress the test image");
  packed.resize(size);
  png_detail::chunk(png, "IDAT", packed);
  png_detail::chunk(png, "IEND", "");
  return png;
}

}  // namespace tftsr::test
