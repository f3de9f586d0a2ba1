#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/ai/sse_parser.h"
#include "core/error.h"

using namespace tftsr;
using namespace tftsr::ai;

namespace {

struct Parsed {
  std::vector<SseEvent> events;
  bool clean = false;
};

Parsed parse(std::string_view bytes, const std::vector<std::size_t>& cuts = {}, std::size_t max_line = 1 << 20) {
  SseParser parser(max_line);
  Parsed out;
  const auto collect = [&](const SseEvent& e) { out.events.push_back(e); };
  std::size_t from = 0;
  for (std::size_t cut : cuts) {
    parser.feed(bytes.substr(from, cut - from), collect);
    from = cut;
  }
  parser.feed(bytes.substr(from), collect);
  out.clean = parser.finish();
  return out;
}

bool same(const std::vector<SseEvent>& a, const std::vector<SseEvent>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].event != b[i].event || a[i].data != b[i].data || a[i].id != b[i].id) return false;
  return true;
}

const std::string kStream =
    "\xEF\xBB\xBF: keep-alive\r\n"
    "\r\n"
    "event: message_start\r\n"
    "data: {\"a\":1}\r\n"
    "\r\n"
    "data: line one\n"
    "data:line two\n"
    "id: 7\n"
    "retry: 3000\n"
    "unknown: x\n"
    "\n"
    ": ping\r"
    "data: cr only\r"
    "\r"
    "data\n"
    "\n"
    "event: empty-is-not-dispatched\n"
    "\n"
    "data: ünïcödé ✓\n"
    "\n";

}  // namespace

TEST_CASE("SSE: fields, comments, multi-line data and every line end") {
  const auto parsed = parse(kStream);
  REQUIRE(parsed.events.size() == 5);
  CHECK(parsed.events[0].event == "message_start");
  CHECK(parsed.events[0].data == "{\"a\":1}");
  CHECK(parsed.events[1].event.empty());
  CHECK(parsed.events[1].data == "line one\nline two");
  CHECK(parsed.events[1].id == "7");
  CHECK(parsed.events[2].data == "cr only");
  CHECK(parsed.events[3].data.empty());  // "data" without colon: a data field with an empty value
  CHECK(parsed.events[4].data == "ünïcödé ✓");
  CHECK(parsed.clean);
}

TEST_CASE("SSE: the same events whatever byte the stream is split at") {
  const auto whole = parse(kStream);
  for (std::size_t i = 0; i <= kStream.size(); ++i) {
    CAPTURE(i);
    CHECK(same(parse(kStream, {i}).events, whole.events));
  }
  std::vector<std::size_t> every;
  for (std::size_t i = 1; i < kStream.size(); ++i) every.push_back(i);
  CHECK(same(parse(kStream, every).events, whole.events));
}

TEST_CASE("SSE: CRLF split between the CR and the LF is one line end, not two") {
  const std::string s = "data: a\r\n\r\ndata: b\r\n\r\n";
  for (std::size_t i = 0; i <= s.size(); ++i) {
    CAPTURE(i);
    const auto parsed = parse(s, {i});
    REQUIRE(parsed.events.size() == 2);
    CHECK(parsed.events[0].data == "a");
    CHECK(parsed.events[1].data == "b");
  }
}

TEST_CASE("SSE: a stream cut in the middle of an event drops it and says so") {
  const auto parsed = parse("data: {\"whole\":1}\n\ndata: {\"cut\":");
  REQUIRE(parsed.events.size() == 1);
  CHECK_FALSE(parsed.clean);
  CHECK_FALSE(parse("data: {\"whole\":1}\n\ndata: x\n").clean);  // last event without its blank line
  CHECK(parse("data: {\"whole\":1}\n\n").clean);
}

TEST_CASE("SSE: an endless line stops with a clear error, memory bounded") {
  SseParser parser(1024);
  const std::string chunk(300, 'x');
  parser.feed("data: ", [](const SseEvent&) {});
  std::size_t fed = 6;
  bool threw = false;
  try {
    for (int i = 0; i < 100; ++i) {
      parser.feed(chunk, [](const SseEvent&) {});
      fed += chunk.size();
    }
  } catch (const Error& e) {
    threw = true;
    CHECK(e.kind() == ErrorKind::Network);
    CHECK(std::string(e.what()) ==
          "the provider sent a line longer than 1 KiB without a line end; the reply was stopped to keep memory bounded");
  }
  CHECK(threw);
  CHECK(fed <= 1024);  // it stopped at the limit, not after reading everything
  CHECK_THROWS_AS(parser.feed("\n\n", [](const SseEvent&) {}), Error);
}

TEST_CASE("SSE: many data lines cannot add up past the limit either") {
  SseParser parser(1024);
  std::string many;
  for (int i = 0; i < 100; ++i) many += "data: " + std::string(50, 'y') + "\n";
  CHECK_THROWS_WITH(parser.feed(many, [](const SseEvent&) {}), doctest::Contains("larger than the limit"));
}

TEST_CASE("SSE: invalid UTF-8 is replaced, split multi-byte characters are not") {
  const std::string s = "data: ok \xC3\xA9 bad \xFF\xC3 end\n\n";
  for (std::size_t i = 0; i <= s.size(); ++i) {
    CAPTURE(i);
    const auto parsed = parse(s, {i});
    REQUIRE(parsed.events.size() == 1);
    CHECK(parsed.events[0].data == "ok \xC3\xA9 bad \xEF\xBF\xBD\xEF\xBF\xBD end");
  }
}
