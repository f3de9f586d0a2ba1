#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "core/logs/line_chunker.h"

using namespace tftsr::logs;

namespace {

// Lines of random length (some empty, some long), with CRLF now and then.
std::string random_lines(std::size_t bytes, unsigned seed) {
  std::mt19937 rng(seed);
  std::string out;
  while (out.size() < bytes) {
    const std::size_t len = rng() % 7 == 0 ? rng() % 5000 : rng() % 120;
    for (std::size_t i = 0; i < len; ++i) out += static_cast<char>('a' + rng() % 26);
    out += rng() % 5 == 0 ? "\r\n" : "\n";
  }
  return out;
}

// Feeds `text` in pieces of `piece` bytes and collects every chunk.
std::vector<TextChunk> chunk_all(const std::string& text, std::size_t piece, LineChunker& chunker) {
  std::vector<TextChunk> out;
  for (std::size_t at = 0; at < text.size(); at += piece) {
    chunker.append(std::string_view(text).substr(at, piece));
    while (auto c = chunker.next()) out.push_back(std::move(*c));
  }
  while (auto c = chunker.finish()) out.push_back(std::move(*c));
  return out;
}

void check_chunks(const std::string& text, const std::vector<TextChunk>& chunks, std::size_t lookbehind,
                  std::size_t lookahead) {
  std::string owned;
  for (std::size_t i = 0; i < chunks.size(); ++i) {
    const auto& c = chunks[i];
    REQUIRE(c.owned_begin <= c.owned_end);
    REQUIRE(c.owned_end <= c.text.size());
    // The chunk's text is the whole text at its offset, context included.
    CHECK(text.compare(c.offset, c.text.size(), c.text) == 0);
    CHECK(c.owned_offset() == owned.size());
    CHECK(c.owned_begin <= lookbehind);
    CHECK(c.text.size() - c.owned_end <= lookahead);
    // Lines are never split: every chunk but the last ends at a line end.
    if (i + 1 < chunks.size()) {
      CHECK(c.owned_text().back() == '\n');
      CHECK(c.text.size() - c.owned_end == std::min<std::size_t>(lookahead, text.size() - (c.offset + c.owned_end)));
    }
    owned += c.owned_text();
  }
  CHECK(owned == text);
}

}  // namespace

TEST_CASE("chunks own whole lines, cover the text exactly once and carry their context") {
  const std::string text = random_lines(3 << 20, 7);
  for (std::size_t piece : {std::size_t{1} << 20, std::size_t{4096}, std::size_t{777}}) {
    CAPTURE(piece);
    LineChunker chunker(64 * 1024, 1024, 4096);
    const auto chunks = chunk_all(text, piece, chunker);
    CHECK(chunks.size() >= (piece > 64 * 1024 ? 3u : 40u));
    check_chunks(text, chunks, 1024, 4096);
  }
}

TEST_CASE("CRLF line ends stay whole: a chunk never ends between CR and LF") {
  std::string text;
  for (int i = 0; i < 20000; ++i) text += "line " + std::to_string(i) + "\r\n";
  LineChunker chunker(1000, 100, 100);
  const auto chunks = chunk_all(text, 333, chunker);
  for (std::size_t i = 0; i + 1 < chunks.size(); ++i) {
    const auto owned = chunks[i].owned_text();
    REQUIRE(owned.size() >= 2);
    CHECK(owned.substr(owned.size() - 2) == "\r\n");
  }
  check_chunks(text, chunks, 100, 100);
}

TEST_CASE("a line longer than the chunk size is one chunk, never split") {
  const std::string long_line(10 << 20, 'x');
  const std::string text = "before\n" + long_line + "\nafter\n";
  LineChunker chunker(1 << 20, 4096, 4096);
  const auto chunks = chunk_all(text, 1 << 20, chunker);
  bool whole = false;
  for (const auto& c : chunks) whole |= c.owned_text().find(long_line + "\n") != std::string_view::npos;
  CHECK(whole);
  check_chunks(text, chunks, 4096, 4096);
}

TEST_CASE("a text without a final line end, or of one byte, is owned whole") {
  for (std::string text : {std::string("x"), std::string("a\nb\nno end"), random_lines(100000, 3) + "tail"}) {
    LineChunker chunker(1000, 64, 64);
    check_chunks(text, chunk_all(text, 100, chunker), 64, 64);
  }
}

TEST_CASE("memory stays near one chunk whatever the text size") {
  // 64 MB through a 1 MB chunker: no chunk, and no buffer, grows with the text.
  const std::string piece = random_lines(1 << 20, 11);
  LineChunker chunker(1 << 20, 16 * 1024, 64 * 1024);
  std::size_t largest = 0, chunks = 0;
  for (int i = 0; i < 64; ++i) {
    chunker.append(piece);
    while (auto c = chunker.next()) {
      largest = std::max(largest, c->text.size());
      ++chunks;
      chunker.recycle(std::move(c->text));
    }
    CHECK(chunker.buffered() <= 3 * piece.size());
  }
  while (auto c = chunker.finish()) largest = std::max(largest, c->text.size()), ++chunks;
  CHECK(chunks >= 32);
  CHECK(largest <= 2 * piece.size() + 16 * 1024 + 64 * 1024);
}
