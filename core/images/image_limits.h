#pragma once
// The bounds an attached image must stay within. They are checked on the header alone, before a
// single pixel is decoded, so a hostile or broken file cannot make the decoder allocate gigabytes.
#include <cstdint>

namespace tftsr {

struct ImageLimits {
  std::uint64_t max_file_bytes = 50ull * 1024 * 1024;  // 50 MiB
  std::int64_t max_side = 16384;                      // pixels, per side
  std::int64_t max_pixels = 100'000'000;              // 100 megapixels (400 MB once decoded)
};

}  // namespace tftsr
