#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/logs/streaming_redaction.h"
#include "core/pii/detector.h"
#include "core/pii/redactor.h"
#include "tests/bench/pii/mixed_log_generator.h"

using namespace tftsr;
using namespace tftsr::logs;

namespace {

// Redacts `text` fed in pieces of random size, each finding added just before its text.
std::string redact_streamed(const std::string& text, const std::vector<pii::Finding>& findings,
                            const std::vector<bool>& flags, unsigned seed) {
  std::mt19937 rng(seed);
  StreamingRedactor r;
  std::string out;
  std::size_t next = 0, at = 0;
  while (at < text.size()) {
    const std::size_t piece = std::min<std::size_t>(text.size() - at, 1 + rng() % 5000);
    for (; next < findings.size() && findings[next].start < at + piece; ++next) r.add(findings[next], flags[next]);
    r.feed(std::string_view(text).substr(at, piece), out);
    at += piece;
  }
  r.finish();
  return out;
}

}  // namespace

TEST_CASE("streamed redaction equals redaction of the whole text, whatever the pieces") {
  const std::string text = tftsr::bench::generate_mixed_log(std::size_t{2} << 20, 3);
  const pii::PiiDetector detector;
  const auto findings = detector.scan(text);
  REQUIRE(findings.size() > 100);
  std::vector<bool> flags(findings.size());
  for (std::size_t i = 0; i < flags.size(); ++i) flags[i] = i % 3 != 0;  // keep a third
  const std::string expected = pii::redact(text, findings, flags);
  for (unsigned seed : {1u, 2u, 3u}) CHECK(redact_streamed(text, findings, flags, seed) == expected);
}

TEST_CASE("a finding cut by a piece boundary is replaced once") {
  const std::string text = "ab SECRET cd";
  const std::vector<pii::Finding> f = {{pii::PiiType::Password, 3, 9, "[Password]"}};
  StreamingRedactor r;
  r.add(f[0], true);
  std::string out;
  for (char c : text) r.feed(std::string_view(&c, 1), out);
  r.finish();
  CHECK(out == "ab [Password] cd");
}

TEST_CASE("unsorted, overlapping or out-of-text findings are refused") {
  StreamingRedactor r;
  r.add({pii::PiiType::Email, 5, 10, "[Email]"}, true);
  CHECK_THROWS_AS(r.add({pii::PiiType::Email, 8, 12, "[Email]"}, true), Error);
  CHECK_THROWS_AS(r.add({pii::PiiType::Email, 2, 4, "[Email]"}, true), Error);
  std::string out;
  r.feed("0123456", out);
  CHECK_THROWS_AS(r.finish(), Error);  // the finding ends at 10, the text at 7
  StreamingRedactor late;
  late.feed("0123456789", out);
  CHECK_THROWS_AS(late.add({pii::PiiType::Email, 3, 4, "[Email]"}, true), Error);  // its text went by
}
