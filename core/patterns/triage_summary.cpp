#include "core/patterns/triage_summary.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

namespace tftsr::patterns {

namespace {

constexpr std::int64_t kNearStartSeconds = 5 * 60;

double severity_weight(LogLevel level) {
  switch (level) {
    case LogLevel::Critical: return 3.0;
    case LogLevel::Error: return 2.0;
    case LogLevel::Warning: return 1.0;
    default: return 0.0;
  }
}

bool is_problem(LogLevel level) { return level >= LogLevel::Warning; }

// The same template in several logs: one pattern with the lines of all.
std::vector<RankedPattern> merge_by_template(const std::vector<StoredPattern>& stored) {
  std::vector<RankedPattern> merged;
  std::unordered_map<std::string, std::size_t> index;
  for (const auto& s : stored) {
    const auto [it, fresh] = index.try_emplace(s.pattern.id, merged.size());
    if (fresh) {
      RankedPattern r;
      r.pattern = s.pattern;
      r.log_ids = {s.log_id};
      r.first_log_id = s.log_id;
      merged.push_back(std::move(r));
      continue;
    }
    auto& r = merged[it->second];
    auto& p = r.pattern;
    const auto& q = s.pattern;
    p.count += q.count;
    p.level = std::max(p.level, q.level);
    r.log_ids.push_back(s.log_id);
    // The first occurrence is the earliest in time when both logs tell the time.
    if (q.first_time && (!p.first_time || *q.first_time < *p.first_time)) {
      p.first_time = q.first_time;
      p.first_line = q.first_line;
      r.first_log_id = s.log_id;
    }
    if (q.last_time && (!p.last_time || *q.last_time > *p.last_time)) p.last_time = q.last_time;
    std::map<std::int64_t, std::uint32_t> minutes;
    for (const auto& m : p.per_minute) minutes[m.minute] += m.count;
    for (const auto& m : q.per_minute) minutes[m.minute] += m.count;
    p.per_minute.clear();
    for (const auto& [minute, count] : minutes) p.per_minute.push_back({minute, count});
  }
  return merged;
}

double burstiness_of(const PatternTemplate& p) {
  if (p.per_minute.size() < 2) return 1.0;
  const std::int64_t span = p.per_minute.back().minute - p.per_minute.front().minute + 1;
  std::uint64_t total = 0;
  std::uint32_t peak = 0;
  for (const auto& m : p.per_minute) {
    total += m.count;
    peak = std::max(peak, m.count);
  }
  const double mean = static_cast<double>(total) / static_cast<double>(span);
  return mean > 0 ? std::max(1.0, static_cast<double>(peak) / mean) : 1.0;
}

std::vector<ErrorMinute> problems_per_minute(const std::vector<RankedPattern>& patterns) {
  std::map<std::int64_t, ErrorMinute> minutes;
  for (const auto& r : patterns) {
    if (!is_problem(r.pattern.level)) continue;
    for (const auto& m : r.pattern.per_minute) {
      auto& e = minutes[m.minute];
      e.minute = m.minute;
      (r.pattern.level >= LogLevel::Error ? e.errors : e.warnings) += m.count;
    }
  }
  std::vector<ErrorMinute> out;
  if (minutes.empty()) return out;
  // Every minute of the span, quiet ones too, so a chart shows the gaps.
  const std::int64_t first = minutes.begin()->first, last = minutes.rbegin()->first;
  constexpr std::int64_t kMaxMinutes = 7 * 24 * 60;  // beyond a week, only the minutes with problems
  if (last - first < kMaxMinutes) {
    for (std::int64_t m = first; m <= last; ++m) {
      const auto it = minutes.find(m);
      out.push_back(it == minutes.end() ? ErrorMinute{m, 0, 0} : it->second);
    }
  } else {
    for (const auto& [m, e] : minutes) out.push_back(e);
  }
  return out;
}

// The first minute whose errors stand out from every minute before it, and are at least a
// quarter of the busiest minute's: a few scattered errors before a real burst do not count.
std::optional<std::int64_t> detect_start(const std::vector<ErrorMinute>& minutes) {
  std::uint32_t peak = 0;
  for (const auto& m : minutes) peak = std::max(peak, m.errors);
  const double floor = std::max(3.0, static_cast<double>(peak) / 4.0);
  double sum = 0, sum_sq = 0;
  std::size_t n = 0;
  for (const auto& m : minutes) {
    const double e = m.errors;
    if (n >= 5) {
      const double mean = sum / static_cast<double>(n);
      const double sd = std::sqrt(std::max(0.0, sum_sq / static_cast<double>(n) - mean * mean));
      if (e >= floor && e > mean + 3 * sd) return m.minute * 60;
    }
    sum += e;
    sum_sq += e * e;
    ++n;
  }
  return std::nullopt;
}

bool by_first_occurrence(const RankedPattern& a, const RankedPattern& b) {
  if (a.pattern.first_time && b.pattern.first_time && *a.pattern.first_time != *b.pattern.first_time)
    return *a.pattern.first_time < *b.pattern.first_time;
  if (a.pattern.first_time.has_value() != b.pattern.first_time.has_value()) return a.pattern.first_time.has_value();
  return a.pattern.first_line < b.pattern.first_line;
}

}  // namespace

std::string_view start_source_text(StartSource source) {
  switch (source) {
    case StartSource::None: return "unknown (the logs carry no time)";
    case StartSource::Given: return "given";
    case StartSource::ErrorRate: return "detected from the error rate";
    case StartSource::FirstError: return "the first error";
  }
  return "";
}

TriageSummary summarize_incident(const std::vector<StoredPattern>& stored, const TriageOptions& options) {
  TriageSummary summary;
  auto merged = merge_by_template(stored);
  summary.patterns = static_cast<std::int64_t>(merged.size());
  {
    std::set<std::string> timed;
    for (const auto& s : stored)
      if (s.pattern.first_time) timed.insert(s.log_id);
    summary.logs_with_times = static_cast<std::int64_t>(timed.size());
  }

  summary.per_minute = problems_per_minute(merged);
  for (const auto& r : merged) {
    if (is_problem(r.pattern.level)) summary.problem_lines += r.pattern.count;
    if (r.pattern.level >= LogLevel::Error && (!summary.first_error || by_first_occurrence(r, *summary.first_error)))
      summary.first_error = r;
  }

  if (options.start_time) {
    summary.start_time = options.start_time;
    summary.start_source = StartSource::Given;
  } else if (const auto detected = detect_start(summary.per_minute)) {
    summary.start_time = detected;
    summary.start_source = StartSource::ErrorRate;
  } else if (summary.first_error && summary.first_error->pattern.first_time) {
    summary.start_time = summary.first_error->pattern.first_time;
    summary.start_source = StartSource::FirstError;
  }

  for (auto& r : merged) {
    r.burstiness = burstiness_of(r.pattern);
    const auto& first = r.pattern.first_time;
    r.new_since_start = summary.start_time && first && *first >= *summary.start_time;
    if (!is_problem(r.pattern.level)) continue;
    double score = severity_weight(r.pattern.level) * std::log2(1.0 + static_cast<double>(r.pattern.count)) *
                   (1.0 + std::log2(r.burstiness) / 2.0);
    if (summary.start_time && first && std::llabs(*first - *summary.start_time) <= kNearStartSeconds) score *= 1.5;
    if (r.new_since_start) score *= 1.5;
    r.score = score;
  }
  if (summary.first_error) {
    for (const auto& r : merged)
      if (r.pattern.id == summary.first_error->pattern.id) summary.first_error = r;
  }

  for (const auto& r : merged) {
    if (r.new_since_start) summary.new_since_start.push_back(r);
    if (is_problem(r.pattern.level)) summary.problems.push_back(r);
  }
  std::stable_sort(summary.problems.begin(), summary.problems.end(),
                   [](const RankedPattern& a, const RankedPattern& b) { return a.score > b.score; });
  std::stable_sort(summary.new_since_start.begin(), summary.new_since_start.end(),
                   [](const RankedPattern& a, const RankedPattern& b) {
                     if (a.pattern.level != b.pattern.level) return a.pattern.level > b.pattern.level;
                     return a.pattern.count > b.pattern.count;
                   });
  if (summary.problems.size() > options.max_patterns) summary.problems.resize(options.max_patterns);
  if (summary.new_since_start.size() > options.max_patterns) summary.new_since_start.resize(options.max_patterns);
  return summary;
}

}  // namespace tftsr::patterns
