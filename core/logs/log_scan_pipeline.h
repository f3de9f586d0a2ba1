#pragma once
// Scans a text of any size for PII in bounded memory, on more than one core: the text is read a
// piece at a time, cut into chunks of whole lines (line_chunker.h), the chunks are scanned on a
// few threads at once and handed back in text order with their findings, on the calling thread.
// The findings are those of PiiDetector::scan() on the whole text, with offsets into the whole
// text. The caller writes them out (prints, stores, redacts) chunk by chunk.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/logs/line_chunker.h"
#include "core/pii/finding.h"

namespace tftsr::pii {
class PiiDetector;
}

namespace tftsr::logs {

struct ScanPipelineOptions {
  std::size_t chunk_size = std::size_t{4} << 20;  // owned bytes per chunk (whole lines)
  unsigned threads = 2;                           // chunks scanned at once
  std::size_t lookbehind = LineChunker::kDefaultLookbehind;
  std::size_t lookahead = LineChunker::kDefaultLookahead;
};

struct ScannedChunk {
  TextChunk chunk;
  // Findings that start in the owned part, offsets into the whole text; sorted, and clear of
  // every finding handed out before (one may end past owned_end, in the next chunk's text).
  std::vector<pii::Finding> findings;
};

// Appends the next piece of text to `out` (text before it must be left alone); returns false when
// the text has ended (`out` may still have received a last piece). Called on the calling thread;
// it may throw (to cancel).
using TextReader = std::function<bool(std::string& out)>;
using ChunkConsumer = std::function<void(ScannedChunk& scanned)>;

// Reads until the end, scanning on options.threads threads, and gives every chunk to `consume`
// in order. An exception from either callback or from a scan stops the work (the scans under
// way finish first) and propagates. Memory: about (threads + 3) chunks, whatever the text size.
void scan_text_stream(const pii::PiiDetector& detector, const TextReader& read, const ChunkConsumer& consume,
                      const ScanPipelineOptions& options = {});

}  // namespace tftsr::logs
