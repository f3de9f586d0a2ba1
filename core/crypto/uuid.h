#pragma once
#include <string>

namespace tftsr {
// A UUID version 7 (RFC 9562 §5.7): 48-bit Unix milliseconds, then a 12-bit counter that keeps
// ids made within one millisecond in creation order (§6.2 method 1), then 62 random bits.
// Ids from one process sort in creation order as strings.
std::string uuid_v7();
}  // namespace tftsr
