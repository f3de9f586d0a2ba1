#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/logs/line_index.h"

using namespace tftsr;

namespace {
TextReader reader_of(const std::string& text, int* reads = nullptr) {
  return [&text, reads](std::int64_t offset, std::int64_t length) {
    if (reads) ++*reads;
    return text.substr(static_cast<std::size_t>(offset), static_cast<std::size_t>(length));
  };
}

std::unique_ptr<LineIndex> index_of(const std::string& text, std::int64_t chunk = 7) {
  auto index = std::make_unique<LineIndex>();
  build_line_index(*index, static_cast<std::int64_t>(text.size()), reader_of(text), {}, chunk);
  return index;
}

// Every line's range, found the slow way.
std::vector<ByteRange> lines_of(const std::string& text) {
  std::vector<ByteRange> out;
  if (text.empty()) return out;
  std::int64_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') {
      out.push_back({start, static_cast<std::int64_t>(i)});
      start = static_cast<std::int64_t>(i) + 1;
    }
  if (text.back() != '\n') out.push_back({start, static_cast<std::int64_t>(text.size())});
  return out;
}

void check_against_scan(const std::string& text, std::int64_t chunk) {
  LineIndex index;
  build_line_index(index, static_cast<std::int64_t>(text.size()), reader_of(text), {}, chunk);
  const auto expected = lines_of(text);
  REQUIRE(index.lines_known() == static_cast<std::int64_t>(expected.size()));
  for (std::size_t n = 0; n < expected.size(); ++n) {
    const ByteRange r = index.line_range(static_cast<std::int64_t>(n), reader_of(text));
    CHECK(r.begin == expected[n].begin);
    CHECK(r.end == expected[n].end);
    for (std::int64_t off = expected[n].begin; off <= expected[n].end && off < static_cast<std::int64_t>(text.size()); ++off)
      CHECK(index.line_of_offset(off, reader_of(text)) == static_cast<std::int64_t>(n));
  }
}
}  // namespace

TEST_CASE("an empty text has no lines") {
  auto index = index_of("");
  CHECK(index->complete());
  CHECK(index->lines_known() == 0);
  CHECK_THROWS_AS(index->block_of(0), Error);
}

TEST_CASE("lines are found with and without a final newline") {
  const std::string with = "alpha\nbeta\ngamma\n";
  const std::string without = "alpha\nbeta\ngamma";
  CHECK(index_of(with)->lines_known() == 3);
  CHECK(index_of(without)->lines_known() == 3);
  const ByteRange last = index_of(without)->line_range(2, reader_of(without));
  CHECK(without.substr(static_cast<std::size_t>(last.begin), static_cast<std::size_t>(last.size())) == "gamma");
  check_against_scan(with, 4);
  check_against_scan(without, 4);
}

TEST_CASE("empty lines are lines") {
  const std::string text = "\n\nx\n\n";
  auto index = index_of(text, 1);
  REQUIRE(index->lines_known() == 4);
  CHECK(index->line_range(0, reader_of(text)).size() == 0);
  CHECK(index->line_range(2, reader_of(text)).begin == 2);
  CHECK(index->line_range(2, reader_of(text)).end == 3);
  CHECK(index->line_range(3, reader_of(text)).begin == 4);
  CHECK(index->line_range(3, reader_of(text)).size() == 0);
  check_against_scan(text, 3);
}

TEST_CASE("many lines cross checkpoints and chunk borders at every position") {
  std::string text;
  for (int i = 0; i < 1000; ++i) text += std::string(static_cast<std::size_t>(i % 13), 'a' + static_cast<char>(i % 26)) + "\n";
  text += "tail without newline";
  for (std::int64_t chunk : {1, 63, 64, 65, 4096}) check_against_scan(text, chunk);
}

TEST_CASE("a final newline exactly at a checkpoint does not add a line") {
  std::string text;
  for (int i = 0; i < LineIndex::kLinesPerCheckpoint; ++i) text += "line\n";
  auto index = index_of(text);
  CHECK(index->lines_known() == LineIndex::kLinesPerCheckpoint);
  CHECK_THROWS_AS(index->block_of(LineIndex::kLinesPerCheckpoint), Error);
  const LineBlock last = index->block_of(LineIndex::kLinesPerCheckpoint - 1);
  CHECK(last.line_count == LineIndex::kLinesPerCheckpoint);
  CHECK(last.bytes.end == static_cast<std::int64_t>(text.size()) - 1);
  check_against_scan(text, 10);
}

TEST_CASE("a 10 MB single line is one line and its lookups stay exact") {
  std::string text(10u << 20, 'x');
  auto index = index_of(text, 1 << 20);
  REQUIRE(index->lines_known() == 1);
  const ByteRange r = index->line_range(0, reader_of(text));
  CHECK(r.begin == 0);
  CHECK(r.end == static_cast<std::int64_t>(text.size()));
  CHECK(index->line_of_offset(static_cast<std::int64_t>(text.size()) - 1, reader_of(text)) == 0);
  text += "\nnext";
  auto two = index_of(text, 1 << 20);
  CHECK(two->lines_known() == 2);
  CHECK(two->line_range(1, reader_of(text)).begin == (10 << 20) + 1);
}

TEST_CASE("a carriage return is ordinary text: only LF ends a line") {
  const std::string text = "a\rb\nc\r\n";
  auto index = index_of(text, 2);
  REQUIRE(index->lines_known() == 2);
  CHECK(index->line_range(0, reader_of(text)).size() == 3);
  CHECK(index->line_range(1, reader_of(text)).size() == 2);
}

TEST_CASE("lines are usable while the index is still being built") {
  LineIndex index;
  index.append("one\ntwo\nthr");
  CHECK_FALSE(index.complete());
  CHECK(index.lines_known() == 2);  // "thr" may continue in the next chunk
  CHECK(index.block_of(1).bytes.end == 7);
  CHECK_THROWS_AS(index.block_of(2), Error);
  index.append("ee\n");
  CHECK(index.lines_known() == 3);
  index.append("four");
  CHECK(index.lines_known() == 3);
  index.finish();
  CHECK(index.lines_known() == 4);
  CHECK_THROWS_AS(index.append("more"), Error);
}

TEST_CASE("a lookup reads one block, not the whole text") {
  std::string text;
  for (int i = 0; i < 100000; ++i) text += "line " + std::to_string(i) + "\n";
  auto index = index_of(text, 1 << 16);
  int reads = 0;
  std::string read_bytes;
  TextReader counting = [&](std::int64_t offset, std::int64_t length) {
    ++reads;
    read_bytes = text.substr(static_cast<std::size_t>(offset), static_cast<std::size_t>(length));
    return read_bytes;
  };
  const ByteRange r = index->line_range(77777, counting);
  CHECK(reads == 1);
  CHECK(read_bytes.size() < 64 * 16);
  CHECK(text.substr(static_cast<std::size_t>(r.begin), static_cast<std::size_t>(r.size())) == "line 77777");
  CHECK(index->line_of_offset(r.begin + 3, counting) == 77777);
  CHECK(index->memory_bytes() < 100000 / 64 * 8 * 2 + 1024);
}

TEST_CASE("offsets beyond the text and bad chunk sizes are refused") {
  const std::string text = "a\nb\n";
  auto index = index_of(text);
  CHECK_THROWS_AS(index->line_of_offset(4, reader_of(text)), Error);
  CHECK_THROWS_AS(index->line_of_offset(-1, reader_of(text)), Error);
  LineIndex other;
  CHECK_THROWS_AS(build_line_index(other, 4, reader_of(text), {}, 0), Error);
}

TEST_CASE("building stops when cancelled and reports progress up to one") {
  std::string text(1000, 'a');
  LineIndex index;
  Progress cancelled;
  cancelled.cancelled = [] { return true; };
  CHECK_THROWS_AS(build_line_index(index, 1000, reader_of(text), cancelled, 100), Error);
  double last = 0;
  Progress reporting;
  reporting.report = [&](double f, std::string_view) { last = f; };
  LineIndex fresh;
  build_line_index(fresh, 1000, reader_of(text), reporting, 100);
  CHECK(last == doctest::Approx(1.0));
}

TEST_CASE("split_lines keeps empty lines") {
  auto lines = split_lines("a\n\nb");
  REQUIRE(lines.size() == 3);
  CHECK(lines[1].empty());
  CHECK(split_lines("").size() == 1);
}
