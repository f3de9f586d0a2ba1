#pragma once
// What is going wrong in an incident's logs, without any AI: its warning-and-worse patterns
// ranked, the first error, the patterns that only appear from the incident's start on, and the
// errors per minute. Built from the stored patterns of every log of the incident (the same
// template in two logs counts once, with the lines of both).
//
// Only a template's warning-and-worse lines make it a problem and count for it: a template with
// 6,000 INFO lines and one ERROR line weighs as one error line, and the chart and the first
// error see only that line. Ranking: the sum over its levels of severity (critical 3, error 2,
// warning 1) x log2(1 + lines at that level), x (1 + log2(burstiness) / 2), x 1.5 for a pattern
// whose problem lines start within five minutes of the start, x 1.5 for one new since the start.
// Burstiness is the busiest minute of its problem lines over their mean minute of their own span
// (1 for a pattern as steady as a clock). The start is the one given, else the first minute whose errors
// stand out from those before it (at least 3 and a quarter of the busiest minute, and over the
// mean plus three standard deviations), else the first error's minute.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/patterns/log_pattern_repository.h"

namespace tftsr::patterns {

struct TriageOptions {
  std::optional<std::int64_t> start_time;  // seconds since 1970 on the logs' clock
  std::size_t max_patterns = 25;
};

struct RankedPattern {
  PatternTemplate pattern;           // counts and times over every log that has it
  std::vector<std::string> log_ids;  // the logs that have it, the first one first
  std::string first_log_id;          // where it occurs first (pattern.first_line is in this log)
  double burstiness = 1.0;
  double score = 0.0;
  bool new_since_start = false;      // its first line is at or after the start, none before
};

struct ErrorMinute {
  std::int64_t minute = 0;  // seconds since 1970 / 60
  std::uint32_t errors = 0;    // error and critical lines
  std::uint32_t warnings = 0;
};

enum class StartSource { None, Given, ErrorRate, FirstError };

struct TriageSummary {
  // Patterns with warning-and-worse lines, best score first; in each, pattern.first_line,
  // pattern.first_time and first_log_id are those of its first warning-or-worse line.
  std::vector<RankedPattern> problems;
  // The pattern whose first error-or-worse line comes first, with pattern.first_line,
  // pattern.first_time and first_log_id those of that line.
  std::optional<RankedPattern> first_error;
  std::optional<std::int64_t> start_time;
  StartSource start_source = StartSource::None;
  std::vector<RankedPattern> new_since_start; // every level, worst level first, then most lines
  std::vector<ErrorMinute> per_minute;        // from the first to the last minute with problems
  std::int64_t patterns = 0;                  // distinct templates over all logs
  std::int64_t problem_lines = 0;             // warning-and-worse lines
  std::int64_t logs_with_times = 0;
};

TriageSummary summarize_incident(const std::vector<StoredPattern>& stored, const TriageOptions& options = {});

std::string_view start_source_text(StartSource source);  // "given", "detected from the error rate", ...

}  // namespace tftsr::patterns
