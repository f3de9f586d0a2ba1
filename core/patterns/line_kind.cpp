#include "core/patterns/line_kind.h"

namespace tftsr::patterns {

bool is_blank_line(std::string_view line) {
  for (char c : line)
    if (c != ' ' && c != '\t' && c != '\r') return false;
  return true;
}

bool looks_binary(std::string_view line) {
  std::size_t controls = 0;
  for (unsigned char c : line) {
    if (c == 0) return true;
    controls += (c < 0x20 && c != '\t' && c != '\r') || c == 0x7f;
  }
  return controls * 8 > line.size();
}

}  // namespace tftsr::patterns
