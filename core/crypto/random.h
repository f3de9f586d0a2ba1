#pragma once
#include <cstddef>
#include <string>

namespace tftsr {
// Cryptographically secure random bytes from OpenSSL's DRBG.
std::string random_bytes(std::size_t count);
}  // namespace tftsr
