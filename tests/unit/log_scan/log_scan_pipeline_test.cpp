#include <doctest/doctest.h>

#include <atomic>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/logs/log_scan_pipeline.h"
#include "core/pii/detector.h"
#include "tests/bench/pii/mixed_log_generator.h"

using namespace tftsr;
using namespace tftsr::logs;

namespace {

const pii::PiiDetector& detector() {
  static const pii::PiiDetector d;
  return d;
}

struct Result {
  std::vector<pii::Finding> findings;
  std::size_t chunks = 0;
};

// Streams `text` through the pipeline in pieces of `piece` bytes.
Result scan_streamed(const std::string& text, std::size_t piece, ScanPipelineOptions options) {
  Result r;
  std::size_t at = 0;
  std::uint64_t owned_end = 0;
  scan_text_stream(
      detector(),
      [&](std::string& out) {
        out.append(text, at, piece);
        at = std::min(text.size(), at + piece);
        return at < text.size();
      },
      [&](ScannedChunk& s) {
        // Chunks come in text order, each right after the one before.
        CHECK(s.chunk.owned_offset() == owned_end);
        owned_end = s.chunk.owned_offset() + s.chunk.owned_end - s.chunk.owned_begin;
        for (auto& f : s.findings) {
          // Offsets are into the whole text: the value is where it says.
          CHECK(text.compare(f.start, f.end - f.start, s.chunk.text, f.start - s.chunk.offset, f.end - f.start) == 0);
          r.findings.push_back(f);
        }
        ++r.chunks;
      },
      options);
  CHECK(owned_end == text.size());
  return r;
}

ScanPipelineOptions small_chunks(std::size_t size, unsigned threads = 2) {
  ScanPipelineOptions o;
  o.chunk_size = size;
  o.threads = threads;
  return o;
}

}  // namespace

TEST_CASE("merged findings equal the single-threaded scan of the whole text, in order") {
  const std::string text = bench::generate_mixed_log(std::size_t{24} << 20, 5);
  const auto whole = detector().scan(text);
  REQUIRE(whole.size() > 1000);
  for (std::size_t chunk : {std::size_t{64} << 10, std::size_t{1} << 20}) {
    CAPTURE(chunk);
    const auto r = scan_streamed(text, 100000, small_chunks(chunk));
    CHECK(r.chunks > 10);
    CHECK(r.findings.size() == whole.size());
    CHECK(r.findings == whole);
  }
}

TEST_CASE("a finding on the first or last line of a chunk is found, with offsets in the whole text") {
  // Lines of filler around values, so that with 1 KiB chunks values sit at every chunk edge.
  std::string text;
  for (int i = 0; i < 400; ++i) {
    text += "2026-01-01 filler line number " + std::to_string(i) + " ........................\n";
    text += "mail to user" + std::to_string(i) + "@example.com from 10.0." + std::to_string(i % 200) + ".7\n";
  }
  const auto whole = detector().scan(text);
  REQUIRE(whole.size() == 800);
  for (std::size_t chunk : {std::size_t{100}, std::size_t{1000}, std::size_t{1337}}) {
    CAPTURE(chunk);
    CHECK(scan_streamed(text, 500, small_chunks(chunk)).findings == whole);
  }
}

TEST_CASE("a key on the line before its chunk, and a PEM block across chunks, are seen whole") {
  std::string pem = "-----BEGIN RSA PRIVATE KEY-----\n";
  for (int i = 0; i < 40; ++i) pem += "MIIEowIBAAKCAQEA7bq3N5XzQ0Xb7l9pZkR3a1dC4e5f6g7h8i9j0k1l2m3n4o5p6q7r\n";
  pem += "-----END RSA PRIVATE KEY-----\n";
  std::string text;
  for (int i = 0; i < 50; ++i) text += "filler line " + std::to_string(i) + " of the log\n";
  text += pem;
  for (int i = 0; i < 50; ++i) text += "more filler " + std::to_string(i) + " and a@b.example.org\n";
  const auto whole = detector().scan(text);
  REQUIRE(!whole.empty());
  CHECK(whole.front().type == pii::PiiType::PrivateKey);
  for (std::size_t chunk : {std::size_t{200}, std::size_t{900}, std::size_t{2000}}) {
    CAPTURE(chunk);
    CHECK(scan_streamed(text, 64, small_chunks(chunk)).findings == whole);
  }
}

TEST_CASE("a 10 MB single line is scanned as one chunk with every finding in it") {
  std::string line;
  while (line.size() < (std::size_t{10} << 20)) line += "k=v x" + std::to_string(line.size()) + "@mail.example.com ";
  const std::string text = "first line 10.1.2.3\n" + line + "\nlast line 10.3.2.1\n";
  const auto whole = detector().scan(text);
  REQUIRE(whole.size() > 100000);
  const auto r = scan_streamed(text, 1 << 20, small_chunks(1 << 20));
  CHECK(r.findings == whole);
}

TEST_CASE("one thread or several give the same findings") {
  const std::string text = bench::generate_mixed_log(std::size_t{4} << 20, 9);
  const auto one = scan_streamed(text, 1 << 20, small_chunks(256 << 10, 1)).findings;
  CHECK(one == detector().scan(text));
  CHECK(scan_streamed(text, 1 << 20, small_chunks(256 << 10, 3)).findings == one);
}

TEST_CASE("an exception from the reader stops the pipeline and reaches the caller") {
  const std::string text = bench::generate_mixed_log(std::size_t{4} << 20, 1);
  std::size_t at = 0, consumed = 0;
  auto read = [&](std::string& out) {
    if (at > (2 << 20)) throw Error(ErrorKind::Cancelled, "cancelled");
    out.append(text, at, 256 << 10);
    at += 256 << 10;
    return at < text.size();
  };
  CHECK_THROWS_AS(scan_text_stream(detector(), read, [&](ScannedChunk&) { ++consumed; }, small_chunks(128 << 10)),
                  Error);
  CHECK(consumed < 32);
}

TEST_CASE("an exception from the consumer stops the pipeline and reaches the caller") {
  const std::string text = bench::generate_mixed_log(std::size_t{2} << 20, 2);
  std::size_t at = 0;
  auto read = [&](std::string& out) {
    out.append(text, at, 64 << 10);
    at += 64 << 10;
    return at < text.size();
  };
  std::size_t consumed = 0;
  CHECK_THROWS_AS(scan_text_stream(
                      detector(), read,
                      [&](ScannedChunk&) {
                        if (++consumed == 3) throw Error(ErrorKind::Io, "disk full");
                      },
                      small_chunks(64 << 10)),
                  Error);
  CHECK(consumed == 3);
}
