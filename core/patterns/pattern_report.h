#pragma once
// What mining a log gives: its templates (patterns) with their counts, where and when they occur,
// and how the lines map onto them.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/patterns/log_level.h"

namespace tftsr::patterns {

// Lines of one template in one minute; `minute` is seconds since 1970 / 60 on the log's clock.
struct MinuteCount {
  std::int64_t minute = 0;
  std::uint32_t count = 0;
};

// Warning-and-worse lines of one template in one minute, for the error chart: a template that
// mixes levels counts only its warning, error and critical lines here.
struct ProblemMinute {
  std::int64_t minute = 0;
  std::uint32_t warnings = 0;
  std::uint32_t errors = 0;  // error and critical
};

// Adds `more` to `into`, both sorted by minute.
inline void merge_problem_minutes(std::vector<ProblemMinute>& into, const std::vector<ProblemMinute>& more) {
  std::vector<ProblemMinute> out;
  out.reserve(into.size() + more.size());
  std::size_t i = 0, j = 0;
  while (i < into.size() || j < more.size()) {
    if (j == more.size() || (i < into.size() && into[i].minute < more[j].minute)) {
      out.push_back(into[i++]);
    } else if (i == into.size() || more[j].minute < into[i].minute) {
      out.push_back(more[j++]);
    } else {
      out.push_back({into[i].minute, into[i].warnings + more[j].warnings, into[i].errors + more[j].errors});
      ++i, ++j;
    }
  }
  into = std::move(out);
}

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
  // Where its warning-and-worse lines start, and its error-and-worse ones (unset when it has none).
  std::optional<std::int64_t> first_problem_line, first_problem_time;
  std::optional<std::int64_t> first_error_line, first_error_time;
  std::vector<ProblemMinute> problem_minutes;  // sorted by minute; only minutes with such lines

  std::int64_t lines_at(LogLevel l) const { return level_counts[static_cast<std::size_t>(l)]; }
  std::int64_t error_lines() const { return lines_at(LogLevel::Error) + lines_at(LogLevel::Critical); }
  std::int64_t problem_lines() const { return lines_at(LogLevel::Warning) + error_lines(); }
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
