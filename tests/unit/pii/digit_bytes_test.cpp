#include <doctest/doctest.h>

#include <cstdint>
#include <cstring>

#include "core/pii/digit_bytes.h"

using tftsr::pii::non_digit_bytes;

TEST_CASE("every byte value at every place of the word is told apart from the digits") {
  for (unsigned place = 0; place < 8; ++place) {
    for (unsigned value = 0; value < 256; ++value) {
      unsigned char bytes[8];
      std::memset(bytes, '5', sizeof bytes);
      bytes[place] = static_cast<unsigned char>(value);
      std::uint64_t word;
      std::memcpy(&word, bytes, sizeof word);
      const bool digit = value >= '0' && value <= '9';
      const std::uint64_t expected = digit ? 0 : std::uint64_t{0x80} << (8 * place);
      INFO("byte ", value, " at place ", place);
      CHECK(non_digit_bytes(word) == expected);
    }
  }
}

TEST_CASE("the first byte in memory that is no digit is the lowest bit set") {
  std::uint64_t word;
  std::memcpy(&word, "123:4567", 8);
  CHECK(__builtin_ctzll(non_digit_bytes(word)) / 8 == 3);
  std::memcpy(&word, "\xb9" "2345678", 8);
  CHECK(__builtin_ctzll(non_digit_bytes(word)) / 8 == 0);
}
