#pragma once
// The twelve PII regexes of the app we replace, as ripgrep runs them one after another: the
// reference every scan benchmark prints beside its own figure.
#include <array>

namespace tftsr::bench {

inline constexpr std::array<const char*, 12> kOldAppPatterns = {
    R"([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})",
    R"(\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b)",
    R"(\b(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}\b)",
    R"(\b[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5}\b)",
    R"(\b\d{3}-\d{2}-\d{4}\b)",
    R"(\b(?:\d[ -]?){13,16}\b)",
    R"(\(?\d{3}\)?[ .-]\d{3}[ .-]\d{4})",
    R"(AKIA[0-9A-Z]{16})",
    R"(gh[pousr]_[A-Za-z0-9]{36})",
    R"(eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)",
    R"((?i)bearer\s+[A-Za-z0-9._~+/=-]{16,})",
    R"((?i)password\s*[:=]\s*\S+)",
};

}  // namespace tftsr::bench
