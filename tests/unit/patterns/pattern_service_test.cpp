#include <doctest/doctest.h>

#include "core/error.h"
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
