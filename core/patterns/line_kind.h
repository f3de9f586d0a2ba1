#pragma once
// Lines that are not mined as text: blank ones and binary data. Shared by the miner and the
// matcher so both sort a line the same way.
#include <string_view>

namespace tftsr::patterns {

// Nothing but spaces, tabs and CRs (or nothing at all).
bool is_blank_line(std::string_view line);
// Any NUL, or control bytes (other than tab and CR) in more than 1 of 8 bytes.
bool looks_binary(std::string_view line);

}  // namespace tftsr::patterns
