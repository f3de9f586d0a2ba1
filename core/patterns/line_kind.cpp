#include "core/patterns/line_kind.h"

#include <cstdint>

namespace tftsr::patterns {

bool is_blank_line(std::string_view line) {
  for (char c : line)
    if (c != ' ' && c != '\t' && c != '\r') return false;
  return true;
}

namespace {

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// The length of the well-formed UTF-8 sequence at `at` (overlongs, surrogates and code points
// past U+10FFFF are not), its code point in `cp`; 0 when it is not one.
std::size_t utf8_sequence(std::string_view s, std::size_t at, std::uint32_t& cp) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[at + k]); };
  const unsigned char c = b(0);
  std::size_t n;
  unsigned char low = 0x80, high = 0xBF;  // allowed range of the second byte
  if (c >= 0xC2 && c <= 0xDF) n = 2, cp = c & 0x1F;
  else if (c >= 0xE0 && c <= 0xEF) n = 3, cp = c & 0x0F, low = c == 0xE0 ? 0xA0 : 0x80, high = c == 0xED ? 0x9F : 0xBF;
  else if (c >= 0xF0 && c <= 0xF4) n = 4, cp = c & 0x07, low = c == 0xF0 ? 0x90 : 0x80, high = c == 0xF4 ? 0x8F : 0xBF;
  else return 0;
  if (at + n > s.size() || b(1) < low || b(1) > high) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if (!is_continuation(b(k))) return 0;
    cp = (cp << 6) | (b(k) & 0x3F);
  }
  return n;
}

// Characters no text line is made of: C1 controls, the replacement character (what a lossy
// decoder leaves of bytes it could not read) and the noncharacters.
bool is_odd_code_point(std::uint32_t cp) {
  return (cp >= 0x80 && cp <= 0x9F) || cp == 0xFFFD || (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
}

}  // namespace

// Counted in quarters: a control character or the like is a whole odd one, a byte that is not
// UTF-8 a quarter. Text in Latin-1 or Windows-1252 (where 80..9F are quotes and the euro sign)
// stays well under the bar; random bytes, about half of which are not UTF-8, go far over it.
bool looks_binary(std::string_view line) {
  {  // Most lines are ASCII: one pass the compiler vectorises.
    std::size_t controls = 0, nuls = 0;
    unsigned char high = 0;
    for (unsigned char c : line) {
      nuls += c == 0;
      controls += (c < 0x20 && c != '\t' && c != '\r') || c == 0x7f;
      high |= c;
    }
    if (nuls) return true;
    if (!(high & 0x80)) return controls * 8 > line.size();
  }
  std::size_t odd_quarters = 0, characters = 0;
  for (std::size_t i = 0; i < line.size(); ++characters) {
    const auto c = static_cast<unsigned char>(line[i]);
    if (c < 0x80) {
      odd_quarters += 4 * ((c < 0x20 && c != '\t' && c != '\r') || c == 0x7f);
      ++i;
      continue;
    }
    std::uint32_t cp = 0;
    if (const std::size_t n = utf8_sequence(line, i, cp)) {
      odd_quarters += 4 * is_odd_code_point(cp);
      i += n;
      continue;
    }
    odd_quarters += 1;  // not UTF-8: a Latin-1 or Windows-1252 character, or noise
    ++i;
  }
  return odd_quarters * 2 > characters;  // more than 1 odd character in 8
}

}  // namespace tftsr::patterns
