// The offline triage summary and the ranking of similar incidents, on hand-made patterns.
#include <doctest/doctest.h>

#include "core/patterns/similar_incidents.h"
#include "core/patterns/triage_summary.h"

using namespace tftsr::patterns;

namespace {

constexpr std::int64_t kT0 = 1709251200;  // 2024-03-01 00:00:00

StoredPattern make(const std::string& log, const std::string& id, LogLevel level, std::int64_t first_minute,
                   std::vector<std::uint32_t> per_minute_counts, std::int64_t first_line = 1) {
  StoredPattern s;
  s.log_id = log;
  auto& t = s.pattern;
  t.id = id;
  t.text = "template " + id;
  t.level = level;
  t.first_line = first_line;
  std::int64_t minute = kT0 / 60 + first_minute;
  const bool error = level >= LogLevel::Error;
  for (const auto c : per_minute_counts) {
    if (c) t.per_minute.push_back({minute, c});
    if (c && level >= LogLevel::Warning) t.problem_minutes.push_back({minute, error ? 0 : c, error ? c : 0});
    t.count += c;
    ++minute;
  }
  t.level_counts[static_cast<std::size_t>(level)] = t.count;
  t.first_time = (t.per_minute.front().minute) * 60 + 5;
  t.last_time = (t.per_minute.back().minute) * 60 + 50;
  t.last_line = first_line + t.count;
  if (level >= LogLevel::Warning) t.first_problem_line = first_line, t.first_problem_time = t.first_time;
  if (error) t.first_error_line = first_line, t.first_error_time = t.first_time;
  return s;
}

const RankedPattern* find(const std::vector<RankedPattern>& list, const std::string& id) {
  for (const auto& r : list)
    if (r.pattern.id == id) return &r;
  return nullptr;
}

}  // namespace

TEST_CASE("triage: a burst of a new error is detected as the start and ranked first") {
  std::vector<std::uint32_t> steady(30, 2);  // a warning twice a minute for half an hour
  std::vector<std::uint32_t> burst(10, 0);
  burst.insert(burst.end(), {40, 55, 60, 30});  // from minute 10
  std::vector<std::uint32_t> old_error(30, 0);
  old_error[1] = 1;  // one error long before, then a few scattered ones
  old_error[7] = 3;
  const std::vector<StoredPattern> stored = {
      make("a", "steady", LogLevel::Warning, 0, steady),
      make("a", "burst", LogLevel::Error, 0, burst, 500),
      make("b", "old", LogLevel::Error, 0, old_error, 3),
      make("b", "info", LogLevel::Info, 12, {100, 100}),
  };
  const auto s = summarize_incident(stored);
  REQUIRE(s.start_time.has_value());
  CHECK(s.start_source == StartSource::ErrorRate);
  CHECK(*s.start_time == (kT0 / 60 + 10) * 60);
  REQUIRE(s.problems.size() == 3);
  CHECK(s.problems.front().pattern.id == "burst");
  CHECK(s.problems.front().new_since_start);
  CHECK(s.problems.front().burstiness > find(s.problems, "steady")->burstiness);
  CHECK(find(s.problems, "steady")->burstiness == doctest::Approx(1.0));
  CHECK_FALSE(find(s.problems, "steady")->new_since_start);
  CHECK(find(s.problems, "info") == nullptr);  // info lines are not problems
  REQUIRE(s.first_error.has_value());
  CHECK(s.first_error->pattern.id == "old");
  CHECK(s.first_error->first_log_id == "b");
  // New since the start: the burst and the info pattern that began at minute 12, errors first.
  REQUIRE(s.new_since_start.size() == 2);
  CHECK(s.new_since_start[0].pattern.id == "burst");
  CHECK(s.new_since_start[1].pattern.id == "info");
  // Every minute of the span, quiet ones too.
  CHECK(s.per_minute.size() == 30);
  CHECK(s.per_minute[10].errors == 40);
  CHECK(s.per_minute[10].warnings == 2);
  CHECK(s.problem_lines == 60 + 185 + 4);
}

TEST_CASE("triage: the same template in two logs is one pattern with the lines of both") {
  const std::vector<StoredPattern> stored = {
      make("a", "timeout", LogLevel::Error, 5, {3, 3}, 40),
      make("b", "timeout", LogLevel::Error, 2, {1}, 7),
  };
  const auto s = summarize_incident(stored);
  REQUIRE(s.problems.size() == 1);
  const auto& r = s.problems.front();
  CHECK(r.pattern.count == 7);
  CHECK(r.log_ids == std::vector<std::string>{"a", "b"});
  CHECK(r.first_log_id == "b");  // earlier in time
  CHECK(r.pattern.first_line == 7);
  CHECK(s.patterns == 1);
}

TEST_CASE("triage: a given start wins, and without times nothing is invented") {
  const auto given = summarize_incident({make("a", "e", LogLevel::Error, 0, {1, 1, 1})}, {kT0 + 60, 25});
  CHECK(given.start_source == StartSource::Given);
  CHECK(*given.start_time == kT0 + 60);

  StoredPattern untimed;
  untimed.log_id = "a";
  untimed.pattern.id = "x";
  untimed.pattern.text = "disk full";
  untimed.pattern.level = LogLevel::Error;
  untimed.pattern.count = 4;
  untimed.pattern.level_counts[static_cast<std::size_t>(LogLevel::Error)] = 4;
  untimed.pattern.first_line = 10;
  untimed.pattern.first_problem_line = untimed.pattern.first_error_line = 10;
  untimed.pattern.last_line = 90;
  const auto s = summarize_incident({untimed});
  CHECK(s.start_source == StartSource::None);
  CHECK_FALSE(s.start_time.has_value());
  CHECK(s.per_minute.empty());
  REQUIRE(s.first_error.has_value());
  CHECK(s.first_error->pattern.first_line == 10);
  CHECK(s.new_since_start.empty());

  const auto empty = summarize_incident({});
  CHECK(empty.problems.empty());
  CHECK_FALSE(empty.first_error.has_value());
}

TEST_CASE("triage: a template that mixes 6,000 INFO lines with one ERROR line counts that line only") {
  // "request done in <*>": 100 INFO lines a minute for an hour from line 1, one of them at ERROR
  // (minute 30, line 3001); in a second log, 5 WARNING lines of it at minute 35.
  StoredPattern done;
  done.log_id = "a";
  auto& d = done.pattern;
  d.id = "done";
  d.text = "request done in <*>";
  d.level = LogLevel::Error;
  d.count = 6001;
  d.level_counts[static_cast<std::size_t>(LogLevel::Info)] = 6000;
  d.level_counts[static_cast<std::size_t>(LogLevel::Error)] = 1;
  d.first_line = 1;
  d.last_line = 6001;
  d.first_time = kT0;
  d.last_time = kT0 + 3599;
  for (int m = 0; m < 60; ++m) d.per_minute.push_back({kT0 / 60 + m, m == 30 ? 101u : 100u});
  d.first_problem_line = d.first_error_line = 3001;
  d.first_problem_time = d.first_error_time = kT0 + 30 * 60 + 1;
  d.problem_minutes = {{kT0 / 60 + 30, 0, 1}};
  StoredPattern warned = done;
  warned.log_id = "b";
  auto& w = warned.pattern;
  w.level = LogLevel::Warning;
  w.count = 5;
  w.level_counts = {};
  w.level_counts[static_cast<std::size_t>(LogLevel::Warning)] = 5;
  w.first_line = 7;
  w.first_problem_line = 7;
  w.last_line = 11;
  w.first_time = kT0 + 35 * 60;
  w.first_problem_time = w.first_time;
  w.last_time = kT0 + 35 * 60 + 30;
  w.per_minute = {{kT0 / 60 + 35, 5}};
  w.first_error_line.reset();
  w.first_error_time.reset();
  w.problem_minutes = {{kT0 / 60 + 35, 5, 0}};
  // A plain error pattern: 20 lines at minute 40.
  const auto fail = make("a", "fail", LogLevel::Error, 40, {20}, 4001);

  const auto s = summarize_incident({done, fail, warned});
  REQUIRE(s.problems.size() == 2);
  CHECK(s.problems[0].pattern.id == "fail");  // 20 error lines outweigh 1 error and 5 warnings
  const auto* mixed = find(s.problems, "done");
  REQUIRE(mixed != nullptr);
  CHECK(mixed->pattern.count == 6006);
  CHECK(mixed->pattern.problem_lines() == 6);
  CHECK(mixed->pattern.lines_at(LogLevel::Info) == 6000);
  CHECK(mixed->pattern.lines_at(LogLevel::Warning) == 5);
  // Among the problems it is first seen where its first problem line is, not its first INFO line.
  CHECK(mixed->pattern.first_line == 3001);
  CHECK(mixed->pattern.first_time == kT0 + 30 * 60 + 1);
  CHECK(mixed->first_log_id == "a");
  CHECK(mixed->burstiness == doctest::Approx(5.0));  // of its problem lines: peak 5 over 6 lines in 6 minutes
  // The first error is its ERROR line, not its first INFO line.
  REQUIRE(s.first_error.has_value());
  CHECK(s.first_error->pattern.id == "done");
  CHECK(s.first_error->pattern.first_line == 3001);
  CHECK(s.first_error->pattern.first_time == kT0 + 30 * 60 + 1);
  CHECK(s.first_error->first_log_id == "a");
  // The chart counts warning and error lines only: minutes 30 to 40, not the hour of INFO lines.
  REQUIRE(s.per_minute.size() == 11);
  CHECK(s.per_minute.front().minute == kT0 / 60 + 30);
  CHECK(s.per_minute.front().errors == 1);
  CHECK(s.per_minute[5].warnings == 5);
  CHECK(s.per_minute[5].errors == 0);
  CHECK(s.per_minute.back().errors == 20);
  CHECK(s.problem_lines == 1 + 5 + 20);
}

TEST_CASE("similar incidents: shared rare error patterns and words rank first") {
  const IncidentProfile target{"now", {"pool-exhausted", "common-warning"}, "Checkout fails: database connection pool exhausted"};
  const std::vector<IncidentProfile> others = {
      {"same-cause", {"pool-exhausted", "common-warning"}, "Orders time out, connection pool exhausted on the database"},
      {"only-common", {"common-warning"}, "Printer queue stuck in the office"},
      {"words-only", {}, "Database connection pool too small for checkout"},
      {"unrelated", {"disk-full"}, "Backup job failed: disk full"},
  };
  // Every incident has the common warning except "unrelated": it weighs little.
  const auto ranked = rank_similar(target, others, 10);
  REQUIRE(ranked.size() >= 2);
  CHECK(ranked[0].id == "same-cause");
  CHECK(ranked[0].shared_patterns.front() == "pool-exhausted");
  CHECK(ranked[0].pattern_score > 0.5);
  bool words_only_listed = false;
  for (const auto& r : ranked) {
    CHECK(r.id != "unrelated");
    if (r.id == "words-only") {
      words_only_listed = true;
      CHECK(r.pattern_score == 0.0);
      CHECK(r.text_score > 0.1);
    }
  }
  CHECK(words_only_listed);
  CHECK(rank_similar(target, others, 1).size() == 1);
}

TEST_CASE("similar incidents: nothing in common lists nothing, and an incident is not similar to itself") {
  const IncidentProfile target{"a", {}, "kernel panic on boot"};
  CHECK(rank_similar(target, {{"a", {}, "kernel panic on boot"}, {"b", {}, "printer out of paper"}}, 5).empty());
}
