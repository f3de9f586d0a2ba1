#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/error.h"
#include "core/logs/line_filter.h"

using namespace tftsr;

namespace {
TextReader reader_of(const std::string& text) {
  return [&text](std::int64_t offset, std::int64_t length) {
    return text.substr(static_cast<std::size_t>(offset), static_cast<std::size_t>(length));
  };
}

LineFilterResult run(const std::string& text, LineFilterQuery q, LineFilterLimits limits = {}) {
  return filter_lines(static_cast<std::int64_t>(text.size()), reader_of(text), q, {}, limits);
}

const std::string kText =
    "INFO start\n"
    "ERROR disk full on /dev/sda1\n"
    "warn: Disk almost full\n"
    "\n"
    "INFO done";
}  // namespace

TEST_CASE("a plain filter keeps the lines containing the text, with their numbers and offsets") {
  auto r = run(kText, {"full", false, false});
  REQUIRE(r.lines.size() == 2);
  CHECK(r.lines[0].line == 1);
  CHECK(r.lines[0].offset == 11);
  CHECK(r.lines[0].text == "ERROR disk full on /dev/sda1");
  CHECK(r.lines[1].line == 2);
  CHECK(r.lines_scanned == 5);
  CHECK_FALSE(r.truncated);
}

TEST_CASE("case is ignored only when asked") {
  CHECK(run(kText, {"disk", false, false}).lines.size() == 1);
  CHECK(run(kText, {"disk", false, true}).lines.size() == 2);
}

TEST_CASE("a regular expression filter matches per line") {
  auto r = run(kText, {"^(ERROR|warn)", true, false});
  REQUIRE(r.lines.size() == 2);
  CHECK(r.lines[1].text == "warn: Disk almost full");
  CHECK(run(kText, {"^$", true, false}).lines.size() == 1);  // the empty line
  CHECK(run(kText, {"done$", true, false}).lines.at(0).line == 4);  // the last line has no LF
}

TEST_CASE("lines split across chunks are matched whole") {
  LineFilterLimits small;
  small.chunk_size = 3;
  auto r = run(kText, {"disk full", false, false}, small);
  REQUIRE(r.lines.size() == 1);
  CHECK(r.lines[0].offset == 11);
  CHECK(r.lines[0].text == "ERROR disk full on /dev/sda1");
}

TEST_CASE("matches beyond the limit are counted as truncated, and long lines are cut") {
  std::string text;
  for (int i = 0; i < 10; ++i) text += "hit " + std::string(100, 'x') + "\n";
  LineFilterLimits limits;
  limits.max_matches = 3;
  limits.max_line_bytes = 8;
  auto r = run(text, {"hit", false, false}, limits);
  CHECK(r.lines.size() == 3);
  CHECK(r.truncated);
  CHECK(r.lines[0].text == "hit xxxx");
}

TEST_CASE("an empty pattern or a broken regular expression is refused with a clear message") {
  CHECK_THROWS_AS(run(kText, {"", false, false}), Error);
  try {
    run(kText, {"([a-z", true, false});
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::InvalidInput);
    CHECK(std::string(e.what()).find("regular expression") != std::string::npos);
  }
}

TEST_CASE("filtering stops when cancelled") {
  Progress p;
  p.cancelled = [] { return true; };
  CHECK_THROWS_AS(filter_lines(static_cast<std::int64_t>(kText.size()), reader_of(kText), {"x", false, false}, p), Error);
}

TEST_CASE("a filter by line number sees every line with its number, across chunks and without a last LF") {
  std::vector<std::int64_t> seen;
  LineFilterLimits limits;
  limits.chunk_size = 7;  // lines cross chunk boundaries
  auto r = filter_lines_where(
      static_cast<std::int64_t>(kText.size()), reader_of(kText),
      [&seen](std::int64_t n, std::string_view) {
        seen.push_back(n);
        return n == 1 || n == 4;
      },
      {}, limits);
  CHECK(seen == std::vector<std::int64_t>{0, 1, 2, 3, 4});
  REQUIRE(r.lines.size() == 2);
  CHECK(r.lines[0].text == "ERROR disk full on /dev/sda1");
  CHECK(r.lines[0].offset == 11);
  CHECK(r.lines[1].line == 4);
  CHECK(r.lines[1].text == "INFO done");
}

TEST_CASE("with a batch sink the lines arrive chunk by chunk, in order, while the filter runs") {
  std::string text;
  for (int i = 0; i < 400; ++i) text += (i % 3 == 0 ? "ERROR item " : "INFO item ") + std::to_string(i) + "\n";
  LineFilterLimits limits;
  limits.chunk_size = 512;  // many chunks
  std::vector<std::vector<FilteredLine>> batches;
  std::vector<double> progress_at_batch;
  double last_progress = 0.0;
  Progress progress;
  progress.report = [&](double f, std::string_view) { last_progress = f; };
  const auto r = filter_lines(static_cast<std::int64_t>(text.size()), reader_of(text), {"ERROR", false, false}, progress,
                              limits, [&](std::vector<FilteredLine>&& batch) {
                                progress_at_batch.push_back(last_progress);
                                batches.push_back(std::move(batch));
                              });
  CHECK(r.lines.empty());  // handed over, not kept twice
  CHECK(r.lines_scanned == 400);
  REQUIRE(batches.size() > 5);
  CHECK(progress_at_batch.front() < 0.5);  // the first lines came long before the end
  std::vector<std::int64_t> numbers;
  for (const auto& b : batches) {
    CHECK_FALSE(b.empty());
    for (const auto& l : b) numbers.push_back(l.line);
  }
  REQUIRE(numbers.size() == 134);
  for (std::size_t i = 0; i < numbers.size(); ++i) CHECK(numbers[i] == static_cast<std::int64_t>(3 * i));
}

TEST_CASE("with a batch sink the cap still stops the filter and says so") {
  std::string text;
  for (int i = 0; i < 100; ++i) text += "ERROR " + std::to_string(i) + "\n";
  LineFilterLimits limits;
  limits.chunk_size = 64;
  limits.max_matches = 10;
  std::size_t handed = 0;
  const auto r = filter_lines(static_cast<std::int64_t>(text.size()), reader_of(text), {"ERROR", false, false}, {}, limits,
                              [&](std::vector<FilteredLine>&& batch) { handed += batch.size(); });
  CHECK(handed == 10);
  CHECK(r.truncated);
  CHECK(r.lines.empty());
}
