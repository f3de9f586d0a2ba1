#pragma once
// Applies findings to a text: each finding either keeps its original bytes or is replaced by its
// `replacement` ("[Email]").
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/pii/finding.h"

namespace tftsr::pii {

// Findings must be sorted by start, non-overlapping and inside `text` (as PiiDetector::scan
// returns them); otherwise Error(InvalidInput). `redact_flags[i]` decides finding i and must have
// one entry per finding.
std::string redact(std::string_view text, std::span<const Finding> findings, const std::vector<bool>& redact_flags);

// Redacts every finding.
std::string redact(std::string_view text, std::span<const Finding> findings);

}  // namespace tftsr::pii
