#include <doctest/doctest.h>

#include <cstdio>

#include "core/error.h"
#include "core/patterns/line_header.h"
#include "core/triage.h"
#include "tests/support/temp_dir.h"

using namespace tftsr;

namespace {
const char* const kLog =
    "2024-01-01 10:00:00 INFO Connection from 10.0.0.1 closed after 12 ms\n"
    "2024-01-01 10:00:01 INFO Connection from 10.0.0.2 closed after 15 ms\n"
    "2024-01-01 10:00:02 ERROR Payment failed for order 77: card declined\n";
}

TEST_CASE("a stored (encrypted) log and the same plain file give the same patterns") {
  test::TempDir dir;
  auto t = Triage::open(dir.path() / "data", "pw");
  const std::string incident = t->incidents().create({"patterns", "P2", {}, {}}).id;
  const auto file = dir / "app.log";
  test::write_file(file, kLog);
  const LogFile log = t->logs().add(incident, file);

  patterns::MinerOptions options;
  options.record_lines = true;
  std::vector<double> fractions;
  Progress progress;
  progress.report = [&](double f, std::string_view) { fractions.push_back(f); };
  const auto stored = t->patterns().mine_log(log.id, options, progress);
  const auto plain = PatternService::mine_file(file, options);
  REQUIRE(stored.templates.size() == 2);
  CHECK(stored.line_count == 3);
  CHECK(stored.line_templates == plain.line_templates);
  for (std::size_t i = 0; i < stored.templates.size(); ++i) CHECK(stored.templates[i].id == plain.templates[i].id);
  REQUIRE_FALSE(fractions.empty());
  CHECK(fractions.back() == 1.0);

  CHECK_THROWS_AS(t->patterns().mine_log("no-such-log"), Error);
  CHECK_THROWS_WITH(t->patterns().mine_log(log.id, {}, {}, true), doctest::Contains("no redacted version"));
  Progress cancel;
  cancel.cancelled = [] { return true; };
  try {
    t->patterns().mine_log(log.id, {}, cancel);
    FAIL("not cancelled");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::Cancelled);
  }
}

TEST_CASE("plain files: an empty file has no patterns, a missing or binary file is a clear error") {
  test::TempDir dir;
  test::write_file(dir / "empty.log", "");
  const auto r = PatternService::mine_file(dir / "empty.log");
  CHECK(r.line_count == 0);
  CHECK(r.templates.empty());
  CHECK_THROWS_AS(PatternService::mine_file(dir / "missing.log"), Error);
  test::write_file(dir / "bin.log", std::string("\x7f" "ELF\0\0\0\0\0\0\0\0\0\0\0\0", 16));
  try {
    PatternService::mine_file(dir / "bin.log");
    FAIL("a binary file was mined");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::InvalidInput);
  }
}

TEST_CASE("the triage of a stored log counts only the ERROR line of a template that is mostly INFO") {
  test::TempDir dir;
  auto t = Triage::open(dir.path() / "data", "pw");
  const std::string incident = t->incidents().create({"mixed levels", "P2", {}, {}}).id;
  // 6,000 INFO lines of "request done in <*>" over an hour, one at ERROR (line 3001, minute
  // 30); and 20 lines of a plain error at minute 40.
  std::string log;
  char line[160];
  for (int i = 0; i < 6001; ++i) {
    std::snprintf(line, sizeof line, "2024-03-01 10:%02d:%02d %s request done in %d ms\n", i * 60 / 6001,
                  (i * 3600 / 6001) % 60, i == 3000 ? "ERROR" : "INFO", i % 97);
    log += line;
  }
  for (int i = 0; i < 20; ++i) {
    std::snprintf(line, sizeof line, "2024-03-01 10:40:%02d ERROR payment gateway refused order %d\n", i, 500 + i);
    log += line;
  }
  const auto file = dir / "app.log";
  test::write_file(file, log);
  t->logs().add(incident, file);

  const auto triage = t->patterns().triage(incident);
  const auto& s = triage.summary;
  REQUIRE(s.problems.size() == 2);
  CHECK(s.problems[0].pattern.text.find("payment gateway refused") != std::string::npos);
  const auto& mixed = s.problems[1].pattern;
  CHECK(mixed.text == "request done in <*>");
  CHECK(mixed.count == 6001);  // the stored per-level counts came back
  CHECK(mixed.problem_lines() == 1);
  CHECK(mixed.lines_at(patterns::LogLevel::Info) == 6000);
  CHECK(mixed.first_line == 3001);
  REQUIRE(s.first_error.has_value());
  CHECK(s.first_error->pattern.text == "request done in <*>");
  CHECK(s.first_error->pattern.first_line == 3001);
  CHECK(s.first_error->pattern.first_time == patterns::civil_to_unix(2024, 3, 1, 10, 29, 59));
  // Errors per minute: minutes 29 to 40 (1 error, then the 20), not the hour of INFO lines.
  REQUIRE(s.per_minute.size() == 12);
  CHECK(s.per_minute.front().errors == 1);
  CHECK(s.per_minute.back().errors == 20);
  CHECK(s.problem_lines == 21);
}

TEST_CASE("similar incidents are only those created before: a later one is never listed") {
  test::TempDir dir;
  auto t = Triage::open(dir.path() / "data", "pw");
  const std::string same_log =
      "2024-03-01 10:00:00 ERROR HikariPool-1 - Connection is not available, request timed out after 30000ms.\n"
      "2024-03-01 10:00:01 ERROR HikariPool-1 - Connection is not available, request timed out after 30001ms.\n";
  const auto file = dir / "app.log";
  test::write_file(file, same_log);
  std::vector<std::string> ids;
  for (const char* title : {"Checkout times out", "Checkout times out again", "Checkout times out once more"}) {
    ids.push_back(t->incidents().create({title, "P2", {}, std::string("connection pool exhausted at checkout")}).id);
    t->logs().add(ids.back(), file);
  }
  // The middle one: the first is earlier, the last is later (all three in the same second, so
  // the order they were stored in decides).
  const auto middle = t->patterns().similar(ids[1]);
  REQUIRE(middle.size() == 1);
  CHECK(middle[0].incident.id == ids[0]);
  CHECK(t->patterns().similar(ids[0]).empty());
  const auto last = t->patterns().similar(ids[2]);
  REQUIRE(last.size() == 2);
  for (const auto& m : last) CHECK(m.incident.id != ids[2]);
}
