#include "core/crypto/uuid.h"

#include <chrono>
#include <cstdint>
#include <mutex>

#include "core/crypto/random.h"
#include "core/crypto/sha256.h"

namespace tftsr {

namespace {
struct Clock {
  std::mutex mutex;
  std::uint64_t last_ms = 0;
  std::uint16_t counter = 0;  // 12 bits used
};
}  // namespace

std::string uuid_v7() {
  static Clock clock;
  std::uint64_t ms;
  std::uint16_t counter;
  std::string rnd = random_bytes(10);
  {
    std::lock_guard lock(clock.mutex);
    ms = static_cast<std::uint64_t>(
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
            .count());
    if (ms > clock.last_ms) {
      clock.last_ms = ms;
      // Start each millisecond in the lower half so the counter has room to grow.
      clock.counter = static_cast<std::uint16_t>(static_cast<std::uint8_t>(rnd[8]) & 0x7F);
    } else {
      ms = clock.last_ms;  // clock went back or same millisecond: stay monotonic
      if (++clock.counter > 0xFFF) {
        clock.last_ms = ++ms;  // counter exhausted: borrow the next millisecond
        clock.counter = 0;
      }
    }
    counter = clock.counter;
  }
  std::uint8_t b[16];
  for (int i = 0; i < 6; ++i) b[i] = static_cast<std::uint8_t>(ms >> (8 * (5 - i)));
  b[6] = static_cast<std::uint8_t>(0x70 | ((counter >> 8) & 0x0F));
  b[7] = static_cast<std::uint8_t>(counter & 0xFF);
  for (int i = 0; i < 8; ++i) b[8 + i] = static_cast<std::uint8_t>(rnd[i]);
  b[8] = static_cast<std::uint8_t>(0x80 | (b[8] & 0x3F));  // variant 10
  std::string hex = to_hex(b, 16);
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) + "-" +
         hex.substr(20);
}

}  // namespace tftsr
