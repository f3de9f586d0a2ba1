#include "core/patterns/triage_summary.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

namespace tftsr::patterns {

namespace {

constexpr std::int64_t kNearStartSeconds = 5 * 60;

bool is_problem(const PatternTemplate& p) { return p.problem_lines() > 0; }

// Moves where a kind of line starts to the other log's when that one is earlier in time.
void take_earlier(std::optional<std::int64_t>& time, std::optional<std::int64_t>& line, std::string& log,
                  const std::optional<std::int64_t>& other_time, const std::optional<std::int64_t>& other_line,
                  const std::string& other_log) {
  if (!other_line) return;
  if (!line || (other_time && (!time || *other_time < *time))) {
    time = other_time;
    line = other_line;
    log = other_log;
  }
}

struct Merged {
  RankedPattern ranked;
  std::string first_problem_log_id, first_error_log_id;
};

// The same template in several logs: one pattern with the lines of all.
std::vector<Merged> merge_by_template(const std::vector<StoredPattern>& stored) {
  std::vector<Merged> merged;
  std::unordered_map<std::string, std::size_t> index;
  for (const auto& s : stored) {
    const auto [it, fresh] = index.try_emplace(s.pattern.id, merged.size());
    if (fresh) {
      Merged m;
      m.ranked.pattern = s.pattern;
      m.ranked.log_ids = {s.log_id};
      m.ranked.first_log_id = s.log_id;
      m.first_problem_log_id = m.first_error_log_id = s.log_id;
      merged.push_back(std::move(m));
      continue;
    }
    auto& m = merged[it->second];
    auto& r = m.ranked;
    auto& p = r.pattern;
    const auto& q = s.pattern;
    p.count += q.count;
    p.level = std::max(p.level, q.level);
    for (std::size_t l = 0; l < kLogLevelCount; ++l) p.level_counts[l] += q.level_counts[l];
    r.log_ids.push_back(s.log_id);
    // The first occurrence is the earliest in time when both logs tell the time.
    if (q.first_time && (!p.first_time || *q.first_time < *p.first_time)) {
      p.first_time = q.first_time;
      p.first_line = q.first_line;
      r.first_log_id = s.log_id;
    }
    take_earlier(p.first_problem_time, p.first_problem_line, m.first_problem_log_id, q.first_problem_time,
                 q.first_problem_line, s.log_id);
    take_earlier(p.first_error_time, p.first_error_line, m.first_error_log_id, q.first_error_time, q.first_error_line,
                 s.log_id);
    if (q.last_time && (!p.last_time || *q.last_time > *p.last_time)) p.last_time = q.last_time;
    std::map<std::int64_t, std::uint32_t> minutes;
    for (const auto& m2 : p.per_minute) minutes[m2.minute] += m2.count;
    for (const auto& m2 : q.per_minute) minutes[m2.minute] += m2.count;
    p.per_minute.clear();
    for (const auto& [minute, count] : minutes) p.per_minute.push_back({minute, count});
    merge_problem_minutes(p.problem_minutes, q.problem_minutes);
  }
  return merged;
}

// The pattern as shown among the problems (or as the first error): where its warning-and-worse
// (error-and-worse) lines start, not where its lines of any level start.
RankedPattern at_first(const Merged& m, const std::optional<std::int64_t>& line,
                       const std::optional<std::int64_t>& time, const std::string& log) {
  RankedPattern r = m.ranked;
  if (line) {
    r.pattern.first_line = *line;
    r.pattern.first_time = time;
    r.first_log_id = log;
  }
  return r;
}

// Over the warning-and-worse lines of a pattern that has some, else over all its lines.
double burstiness_of(const PatternTemplate& p) {
  std::vector<std::pair<std::int64_t, std::uint32_t>> minutes;
  if (is_problem(p))
    for (const auto& m : p.problem_minutes) minutes.emplace_back(m.minute, m.warnings + m.errors);
  else
    for (const auto& m : p.per_minute) minutes.emplace_back(m.minute, m.count);
  if (minutes.size() < 2) return 1.0;
  const std::int64_t span = minutes.back().first - minutes.front().first + 1;
  std::uint64_t total = 0;
  std::uint32_t peak = 0;
  for (const auto& [minute, count] : minutes) {
    total += count;
    peak = std::max(peak, count);
  }
  const double mean = static_cast<double>(total) / static_cast<double>(span);
  return mean > 0 ? std::max(1.0, static_cast<double>(peak) / mean) : 1.0;
}

std::vector<ErrorMinute> problems_per_minute(const std::vector<Merged>& patterns) {
  std::map<std::int64_t, ErrorMinute> minutes;
  for (const auto& m : patterns) {
    for (const auto& pm : m.ranked.pattern.problem_minutes) {
      auto& e = minutes[pm.minute];
      e.minute = pm.minute;
      e.errors += pm.errors;
      e.warnings += pm.warnings;
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

bool earlier(const std::optional<std::int64_t>& time_a, std::int64_t line_a, const std::optional<std::int64_t>& time_b,
             std::int64_t line_b) {
  if (time_a && time_b && *time_a != *time_b) return *time_a < *time_b;
  if (time_a.has_value() != time_b.has_value()) return time_a.has_value();
  return line_a < line_b;
}

bool by_first_error(const PatternTemplate& a, const PatternTemplate& b) {
  return earlier(a.first_error_time, a.first_error_line.value_or(a.first_line), b.first_error_time,
                 b.first_error_line.value_or(b.first_line));
}

// Critical 3, error 2, warning 1 per level, each on the log of its own lines: 6,000 INFO lines
// and one ERROR line weigh as one error line.
double severity_score(const PatternTemplate& p) {
  return 3.0 * std::log2(1.0 + static_cast<double>(p.lines_at(LogLevel::Critical))) +
         2.0 * std::log2(1.0 + static_cast<double>(p.lines_at(LogLevel::Error))) +
         1.0 * std::log2(1.0 + static_cast<double>(p.lines_at(LogLevel::Warning)));
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
  const Merged* first_error = nullptr;
  for (const auto& m : merged) {
    const auto& p = m.ranked.pattern;
    summary.problem_lines += p.problem_lines();
    if (p.error_lines() > 0 && (!first_error || by_first_error(p, first_error->ranked.pattern))) first_error = &m;
  }
  const auto first_error_time = first_error ? first_error->ranked.pattern.first_error_time : std::nullopt;

  if (options.start_time) {
    summary.start_time = options.start_time;
    summary.start_source = StartSource::Given;
  } else if (const auto detected = detect_start(summary.per_minute)) {
    summary.start_time = detected;
    summary.start_source = StartSource::ErrorRate;
  } else if (first_error_time) {
    summary.start_time = first_error_time;
    summary.start_source = StartSource::FirstError;
  }

  for (auto& m : merged) {
    auto& r = m.ranked;
    r.burstiness = burstiness_of(r.pattern);
    const auto& first = r.pattern.first_time;
    r.new_since_start = summary.start_time && first && *first >= *summary.start_time;
    if (!is_problem(r.pattern)) continue;
    double score = severity_score(r.pattern) * (1.0 + std::log2(r.burstiness) / 2.0);
    const auto& first_problem = r.pattern.first_problem_time;
    if (summary.start_time && first_problem && std::llabs(*first_problem - *summary.start_time) <= kNearStartSeconds)
      score *= 1.5;
    if (r.new_since_start) score *= 1.5;
    r.score = score;
  }
  if (first_error)
    summary.first_error = at_first(*first_error, first_error->ranked.pattern.first_error_line,
                                   first_error->ranked.pattern.first_error_time, first_error->first_error_log_id);

  for (const auto& m : merged) {
    if (m.ranked.new_since_start) summary.new_since_start.push_back(m.ranked);
    if (is_problem(m.ranked.pattern))
      summary.problems.push_back(
          at_first(m, m.ranked.pattern.first_problem_line, m.ranked.pattern.first_problem_time, m.first_problem_log_id));
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
