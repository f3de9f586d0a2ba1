#include "core/logs/log_scan_pipeline.h"

#include <algorithm>
#include <deque>
#include <future>

#include "core/pii/detector.h"

namespace tftsr::logs {

namespace {

ScannedChunk scan_chunk(const pii::PiiDetector& detector, TextChunk chunk) {
  ScannedChunk out;
  auto found = detector.scan(chunk.text);  // owned lines and their context
  out.findings.reserve(found.size());
  for (auto& f : found) {
    // The chunks around this one own what starts in the look-behind or the look-ahead.
    if (f.start < chunk.owned_begin || f.start >= chunk.owned_end) continue;
    f.start += chunk.offset;
    f.end += chunk.offset;
    out.findings.push_back(std::move(f));
  }
  out.chunk = std::move(chunk);
  return out;
}

}  // namespace

void scan_text_stream(const pii::PiiDetector& detector, const TextReader& read, const ChunkConsumer& consume,
                      const ScanPipelineOptions& options) {
  const std::size_t threads = std::max(1u, options.threads);
  LineChunker chunker(options.chunk_size, options.lookbehind, options.lookahead);
  // Futures of std::async wait for their thread when destroyed: on an exception, no scan
  // outlives the chunk or the detector it reads.
  std::deque<std::future<ScannedChunk>> in_flight;
  std::uint64_t handed_end = 0;  // end of the last finding handed out

  auto hand_out_oldest = [&] {
    ScannedChunk scanned = in_flight.front().get();
    in_flight.pop_front();
    // A finding of the chunk before may run into this one (a PEM block): what it covers is done.
    auto& f = scanned.findings;
    f.erase(std::remove_if(f.begin(), f.end(), [&](const pii::Finding& x) { return x.start < handed_end; }), f.end());
    if (!f.empty()) handed_end = std::max<std::uint64_t>(handed_end, f.back().end);
    consume(scanned);
    chunker.recycle(std::move(scanned.chunk.text));
  };
  auto submit = [&](TextChunk chunk) {
    while (in_flight.size() >= threads) hand_out_oldest();
    in_flight.push_back(std::async(std::launch::async, [&detector, c = std::move(chunk)]() mutable {
      return scan_chunk(detector, std::move(c));
    }));
  };

  for (bool more = true; more;) {
    more = read(chunker.input());
    while (auto chunk = chunker.next()) submit(std::move(*chunk));
  }
  while (auto chunk = chunker.finish()) submit(std::move(*chunk));
  while (!in_flight.empty()) hand_out_oldest();
}

}  // namespace tftsr::logs
