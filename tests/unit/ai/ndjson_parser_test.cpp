#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/ai/ndjson_parser.h"
#include "core/error.h"

using namespace tftsr;
using namespace tftsr::ai;

namespace {
std::vector<std::string> lines_of(std::string_view bytes, const std::vector<std::size_t>& cuts = {}) {
  NdjsonParser parser(1 << 16);
  std::vector<std::string> out;
  const auto collect = [&](std::string_view line) { out.emplace_back(line); };
  std::size_t from = 0;
  for (std::size_t cut : cuts) {
    parser.feed(bytes.substr(from, cut - from), collect);
    from = cut;
  }
  parser.feed(bytes.substr(from), collect);
  if (auto last = parser.finish()) out.push_back(*last);
  return out;
}
}  // namespace

TEST_CASE("NDJSON: one callback per line, any line end, blank lines skipped, last line without LF") {
  const std::string s = "{\"a\":1}\n\n{\"b\":2}\r\n  \r\n{\"c\":3}\r{\"d\":\"\xC3\xA9\"}";
  const std::vector<std::string> expected = {"{\"a\":1}", "{\"b\":2}", "{\"c\":3}", "{\"d\":\"\xC3\xA9\"}"};
  CHECK(lines_of(s) == expected);
  for (std::size_t i = 0; i <= s.size(); ++i) {
    CAPTURE(i);
    CHECK(lines_of(s, {i}) == expected);
    if (i > 0 && i < s.size()) CHECK(lines_of(s, {i / 2, i}) == expected);
  }
}

TEST_CASE("NDJSON: an endless line is a clear error") {
  NdjsonParser parser(4096);
  const std::string chunk(1000, '{');
  CHECK_THROWS_WITH(
      {
        for (int i = 0; i < 10; ++i) parser.feed(chunk, [](std::string_view) {});
      },
      "the provider sent a line longer than 4 KiB without a line end; the reply was stopped to keep memory bounded");
}

TEST_CASE("NDJSON: invalid UTF-8 becomes U+FFFD") {
  CHECK(lines_of("{\"x\":\"\xE2\x82\"}\n") == std::vector<std::string>{"{\"x\":\"\xEF\xBF\xBD\"}"});
}
