// The compact hold of a scan's findings gives back every finding and value as added, across blocks.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/error.h"
#include "core/logs/found_spans.h"

using namespace tftsr;

TEST_CASE("found spans give back every finding with its value, in order, across blocks and huge values") {
  logs::FoundSpans found;
  CHECK(found.empty());
  std::vector<std::string> values;
  std::uint64_t at = 0;
  for (int i = 0; i < 200000; ++i) {
    // Mostly short values, an empty one, and some bigger than a block of the store.
    std::string v = i % 50000 == 7 ? std::string((std::size_t{3} << 20) + static_cast<std::size_t>(i), 'k')
                    : i == 3         ? std::string()
                                     : "value-" + std::to_string(i);
    found.add({pii::PiiType::Email, at, at + v.size(), "[Email]"}, v);
    values.push_back(v);
    at += v.size() + 1;
  }
  REQUIRE(found.size() == values.size());
  std::size_t n = 0;
  std::uint64_t expected_start = 0;
  bool all_equal = true;
  found.for_each([&](const logs::FoundSpans::Place& p, std::string_view value) {
    all_equal = all_equal && p.start == expected_start && value == values[n] && p.length == values[n].size() &&
                p.type == pii::PiiType::Email;
    expected_start += values[n].size() + 1;
    ++n;
  });
  CHECK(n == values.size());
  CHECK(all_equal);
  CHECK_THROWS_AS(found.add({pii::PiiType::Email, 0, 5, "[Email]"}, "abc"), Error);  // length does not match
}
