#pragma once
// What mining a log gives: its templates (patterns) with their counts, where and when they occur,
// and how the lines map onto them.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/patterns/log_level.h"

namespace tftsr::patterns {

// Lines of one template in one minute; `minute` is seconds since 1970 / 60 on the log's clock.
struct MinuteCount {
  std::int64_t minute = 0;
  std::uint32_t count = 0;
};

struct PatternTemplate {
  std::string id;    // template_id(text): the same template in two logs has the same id
  std::string text;  // the message with its variable parts as <*>
  LogLevel level = LogLevel::Unknown;  // the most severe level of its lines
  std::int64_t count = 0;
  // Lines per level (indexed by LogLevel): a template can mix levels ("request done" at INFO and
  // at ERROR); an error ranking counts level_counts[Error] + level_counts[Critical].
  std::array<std::int64_t, kLogLevelCount> level_counts{};
  std::int64_t first_line = 0;  // numbered from 1
  std::int64_t last_line = 0;
  std::optional<std::int64_t> first_time;  // seconds since 1970, when the lines carry a timestamp
  std::optional<std::int64_t> last_time;
  std::vector<MinuteCount> per_minute;  // sorted by minute; only minutes that have lines
};

// Texts of the templates that stand for lines that are not mined.
inline constexpr const char* kEmptyLineTemplate = "<empty line>";
inline constexpr const char* kBinaryLineTemplate = "<binary data>";
inline constexpr const char* kOverflowTemplate = "<too many distinct patterns>";

struct PatternReport {
  std::vector<PatternTemplate> templates;  // most frequent first, then by first line
  std::int64_t line_count = 0;
  std::int64_t empty_lines = 0;   // counted under kEmptyLineTemplate
  std::int64_t binary_lines = 0;  // counted under kBinaryLineTemplate
  std::int64_t cut_lines = 0;     // longer than the mining limit: only their start was mined
  bool capped = false;            // the template cap was reached (see notices)
  std::vector<std::string> notices;  // sentences for the user about limits that were hit
  // Only when MinerOptions::record_lines: index into `templates` of each line (line n at n - 1).
  std::vector<std::uint32_t> line_templates;
};

}  // namespace tftsr::patterns
