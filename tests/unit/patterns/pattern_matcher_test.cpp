#include <doctest/doctest.h>

#include <string>

#include "core/patterns/line_splitter.h"
#include "core/patterns/pattern_matcher.h"
#include "core/patterns/pattern_miner.h"
#include "core/patterns/pattern_summary.h"

using namespace tftsr::patterns;

namespace {
const char* const kLog =
    "2024-01-01 10:00:00 INFO Connection from 10.0.0.1 closed after 12 ms\n"
    "2024-01-01 10:00:01 INFO Connection from 10.0.0.2 closed after 15 ms\n"
    "2024-01-01 10:00:02 ERROR Payment failed for order 77: card declined\n"
    "\n"
    "2024-01-01 10:01:00 WARN Retrying request 5 of 10\n"
    "2024-01-01 10:01:00 ERROR Payment failed for order 78: card declined\n";

PatternReport mine(const std::string& text) {
  MinerOptions options;
  options.record_lines = true;
  PatternMiner miner(options);
  LineSplitter lines(options.max_line_bytes);
  auto add = [&](std::string_view line, bool cut) { miner.add_line(line, cut); };
  lines.feed(text, add);
  lines.finish(add);
  return miner.finish();
}
}  // namespace

TEST_CASE("the matcher puts every mined line under the template the miner gave it") {
  const auto r = mine(kLog);
  PatternMatcher matcher(r.templates);
  std::size_t n = 0;
  LineSplitter lines(4096);
  lines.feed(kLog, [&](std::string_view line, bool) {
    CHECK(matcher.match(line) == r.line_templates[n]);
    CHECK(matcher.belongs_to(line, r.line_templates[n]));
    ++n;
  });
  CHECK(n == 6);
  // A line of another log with the same pattern, and one with none.
  std::string payment_id;
  for (const auto& t : r.templates)
    if (t.text == "Payment failed for order <*>: card declined") payment_id = t.id;
  const auto payment = matcher.find_id(payment_id);
  REQUIRE(payment);
  CHECK(matcher.match("Jan 5 10:00:00 host app[1]: Payment failed for order 99: card declined") == payment);
  CHECK_FALSE(matcher.match("Something else entirely"));
  CHECK_FALSE(matcher.find_id("0000000000000000"));
}

TEST_CASE("a template with a variable run matches runs of any length") {
  PatternTemplate t;
  t.text = "stack <*> end";
  PatternMatcher matcher({t});
  CHECK(matcher.match("stack @0x1 end"));
  CHECK(matcher.match("stack @0x1 @0x2 @0x3 end"));
  CHECK(matcher.match("stack end"));
  CHECK_FALSE(matcher.match("stack @0x1 ends"));
}

TEST_CASE("the summary text puts errors and warnings first, with counts and times") {
  const auto r = mine(kLog);
  const std::string text = pattern_summary_text(r);
  CHECK(text.find("6 lines, 4 patterns") == 0);
  const auto payment = text.find("2x ERROR 2024-01-01 10:00:02 .. 2024-01-01 10:01:00: Payment failed for order <*>: card declined");
  const auto retry = text.find("1x WARNING");
  const auto connection = text.find("2x INFO");
  CHECK(payment != std::string::npos);
  CHECK(retry != std::string::npos);
  CHECK(connection != std::string::npos);
  CHECK(payment < connection);
  CHECK(retry < connection);
  CHECK(text.find("10.0.0.1") == std::string::npos);
  SummaryOptions few;
  few.max_templates = 1;
  CHECK(pattern_summary_text(r, few).find("(the 1 shown") != std::string::npos);
  CHECK(format_log_time(0) == "1970-01-01 00:00:00");
}
