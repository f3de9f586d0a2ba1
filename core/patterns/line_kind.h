#pragma once
// Lines that are not mined as text: blank ones and binary data. Shared by the miner and the
// matcher so both sort a line the same way.
#include <string_view>

namespace tftsr::patterns {

// Nothing but spaces, tabs and CRs (or nothing at all).
bool is_blank_line(std::string_view line);
// Any NUL, or more than 1 of 8 characters that no text is made of: control characters (C0 other
// than tab and CR, DEL, UTF-8 encoded C1), U+FFFD and the noncharacters; a byte that is not
// UTF-8 (Latin-1 text, or noise) counts as a quarter of one.
bool looks_binary(std::string_view line);

}  // namespace tftsr::patterns
