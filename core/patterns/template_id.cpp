#include "core/patterns/template_id.h"

#include <cstdint>

namespace tftsr::patterns {

std::string template_id(std::string_view text) {
  // FNV-1a 64: fixed by definition, unlike std::hash, so ids survive builds and platforms.
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4) id[static_cast<std::size_t>(i)] = kHex[h & 15];
  return id;
}

}  // namespace tftsr::patterns
