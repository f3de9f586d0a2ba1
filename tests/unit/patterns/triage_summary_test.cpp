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
  for (const auto c : per_minute_counts) {
    if (c) t.per_minute.push_back({minute, c});
    t.count += c;
    ++minute;
  }
  t.first_time = (t.per_minute.front().minute) * 60 + 5;
  t.last_time = (t.per_minute.back().minute) * 60 + 50;
  t.last_line = first_line + t.count;
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
  untimed.pattern.first_line = 10;
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
