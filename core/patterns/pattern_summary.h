#pragma once
// A compact text of a log's patterns, for a person or as AI context: the variable parts are
// already masked, so it is small and says little about people. Errors and warnings come first,
// then the most frequent; each with its count, level and first/last time or line.
#include <cstdint>
#include <string>

#include "core/patterns/pattern_report.h"

namespace tftsr::patterns {

struct SummaryOptions {
  std::size_t max_templates = 50;
  std::size_t max_template_chars = 300;  // longer template texts are cut with "..."
};

std::string pattern_summary_text(const PatternReport& report, const SummaryOptions& options = {});

// "2026-06-14 15:16:01" from seconds since 1970 (the log's clock, no zone).
std::string format_log_time(std::int64_t seconds);

}  // namespace tftsr::patterns
