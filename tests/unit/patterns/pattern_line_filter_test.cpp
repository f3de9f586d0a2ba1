#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/error.h"
#include "core/patterns/pattern_line_filter.h"
#include "core/triage.h"
#include "tests/support/temp_dir.h"

using namespace tftsr;

namespace {
// Templates that share words, so that the most specific one must win.
const char* const kLog =
    "2024-01-01 10:00:00 INFO Connection from 10.0.0.1 closed after 12 ms\n"
    "2024-01-01 10:00:01 ERROR Payment failed for order 77: card declined\n"
    "2024-01-01 10:00:02 INFO Connection from 10.0.0.2 closed after 15 ms\n"
    "\n"
    "2024-01-01 10:00:03 WARN Retrying request 5 of 10\n"
    "2024-01-01 10:00:04 ERROR Payment failed for order 78: card declined\n"
    "2024-01-01 10:00:05 ERROR Payment failed for order 79: card declined\n"
    "2024-01-01 10:00:06 INFO Connection from 10.0.0.3 closed after 9 ms\n";

struct StoredLog {
  test::TempDir dir;
  std::unique_ptr<Triage> t = Triage::open(dir.path() / "data", "pw");
  LogFile log;
  StoredLog() {
    const std::string incident = t->incidents().create({"payments", "P2", {}, {}}).id;
    test::write_file(dir / "app.log", kLog);
    log = t->logs().add(incident, dir / "app.log");
  }
  TextReader reader() {
    return [this](std::int64_t offset, std::int64_t length) { return t->logs().text_range(log.id, false, offset, length); };
  }
};
}  // namespace

TEST_CASE("filtering by a stored pattern gives exactly the lines the miner put under it, in one pass") {
  StoredLog s;
  patterns::MinerOptions record;
  record.record_lines = true;
  const auto mined = s.t->patterns().mine_log(s.log.id, record);
  const auto stored = s.t->patterns().stored_report(s.log.id);
  REQUIRE(stored.templates.size() == mined.templates.size());
  for (std::size_t k = 0; k < mined.templates.size(); ++k) {
    const std::string& id = mined.templates[k].id;
    std::vector<std::int64_t> expected;
    for (std::size_t n = 0; n < mined.line_templates.size(); ++n)
      if (mined.line_templates[n] == k) expected.push_back(static_cast<std::int64_t>(n));
    std::vector<std::int64_t> found;
    LineFilterLimits limits;
    limits.chunk_size = 100;  // batches, as the log view gets them
    const auto r = filter_lines_where(s.log.text_size, s.reader(), patterns::lines_of_pattern(stored, id), {}, limits,
                                      [&](std::vector<FilteredLine>&& batch) {
                                        for (const auto& l : batch) found.push_back(l.line);
                                      });
    INFO(mined.templates[k].text);
    CHECK(found == expected);
    CHECK(r.lines_scanned == 8);
  }
}

TEST_CASE("the payment pattern's lines are the three payment failures, not the other lines") {
  StoredLog s;
  const auto stored = s.t->patterns().stored_report(s.log.id);
  std::string payment;
  for (const auto& p : stored.templates)
    if (p.text.find("Payment failed") != std::string::npos) payment = p.id;
  REQUIRE_FALSE(payment.empty());
  const auto r = filter_lines_where(s.log.text_size, s.reader(), patterns::lines_of_pattern(stored, payment));
  REQUIRE(r.lines.size() == 3);
  CHECK(r.lines[0].line == 1);
  CHECK(r.lines[1].line == 5);
  CHECK(r.lines[2].line == 6);
  CHECK(r.lines[2].text.find("order 79") != std::string::npos);
}

TEST_CASE("a pattern the log does not have is a clear error") {
  StoredLog s;
  const auto stored = s.t->patterns().stored_report(s.log.id);
  try {
    patterns::lines_of_pattern(stored, "0000000000000000");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::NotFound);
    CHECK(std::string(e.what()).find("not in the log") != std::string::npos);
  }
}
