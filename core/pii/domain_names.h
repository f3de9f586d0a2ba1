#pragma once
// What makes a dotted word a real host name rather than a file, a class or a version.
#include <string>
#include <string_view>

namespace tftsr::pii {

// The suffixes a host name may end with, '|'-separated, lower case, for the scanning pattern:
// common generic TLDs, every two-letter country code, and internal suffixes (internal, local,
// corp, lan, intranet, arpa for home.arpa).
const std::string& host_suffix_alternation();

// True if `lower_label` is one of the suffixes above (for "home.arpa" pass "arpa").
bool is_known_host_suffix(std::string_view lower_label);

// Country codes that are also common file extensions (py, sh, rs, md, so, pl ...): names ending
// in one of these need more evidence before they count as hosts.
bool is_file_extension_suffix(std::string_view lower_label);

// Decides whether `name` (which already ends in a known suffix) is a host name, looking at the
// bytes around it in `text`: refuses file names ("main.py", "/opt/app/run.sh"), class and
// namespace names ("java.net.Socket", "System.IO"), systemd units and library names
// ("libssl.so.3").
bool is_plausible_hostname(std::string_view text, std::size_t start, std::size_t end);

}  // namespace tftsr::pii
