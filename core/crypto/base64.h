#pragma once
#include <string>
#include <string_view>

namespace tftsr {
// Standard base64 with padding (RFC 4648 §4).
std::string base64_encode(std::string_view bytes);
// Throws Error(InvalidInput) on characters outside the alphabet or a bad length.
std::string base64_decode(std::string_view text);
}  // namespace tftsr
