#pragma once
// Digits found eight bytes at a time (SWAR): runs of digits are most of what the structured-value
// scanner stops at, and a byte-by-byte loop paid a mispredicted exit at nearly every run.
#include <bit>
#include <cstdint>

namespace tftsr::pii {

// The high bit of each byte of `word` that is not '0'-'9'; byte k of the word is bit 8k+7
// (little-endian: the first byte in memory is the lowest).
inline std::uint64_t non_digit_bytes(std::uint64_t word) {
  static_assert(std::endian::native == std::endian::little, "byte order of the eight-byte digit test");
  constexpr std::uint64_t kEach = 0x0101010101010101ULL;
  const std::uint64_t value = word ^ (kEach * '0');  // a digit becomes 0..9
  // 0..9 stay below 0x80 when 0x76 is added; 10..0x7F reach it; bytes above 0x7F keep their bit.
  const std::uint64_t ten_or_more = (value & (kEach * 0x7F)) + kEach * (0x80 - 10);
  return (ten_or_more | value) & (kEach * 0x80);
}

}  // namespace tftsr::pii
