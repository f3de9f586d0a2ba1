#pragma once
// Provider replies are untrusted bytes: anything that is not well-formed UTF-8 becomes U+FFFD
// before it is parsed as JSON or shown, so a broken byte can neither crash the JSON parser nor
// reach the screen or the database.
#include <string>
#include <string_view>

namespace tftsr::ai {

// Each maximal invalid subsequence (overlong forms, surrogates, code points above U+10FFFF,
// truncated sequences) is replaced by one U+FFFD, as the WHATWG decoder does.
std::string repair_utf8(std::string_view bytes);

// True when `bytes` is well-formed UTF-8 (the fast path of repair_utf8).
bool is_valid_utf8(std::string_view bytes);

}  // namespace tftsr::ai
