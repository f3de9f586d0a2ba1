#pragma once
// Where each line of a stored log starts, built chunk by chunk in the background and usable while
// it grows (the first screen of a huge log shows long before the end is indexed). Only the start
// of every kLinesPerCheckpoint-th line is kept; a lookup re-reads the few kilobytes between two
// checkpoints and finds the exact line with memchr. For a 1 GiB log of ~9M lines that is ~1 MB.
//
// A line is the text between two LFs, without the LF; a final line without an LF still counts,
// an empty text has no lines. The builder (one thread) and readers (any thread) may overlap.
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/progress.h"

namespace tftsr {

// Reads [offset, offset + length) of the text; may return less at the end of the text.
using TextReader = std::function<std::string(std::int64_t offset, std::int64_t length)>;

struct ByteRange {
  std::int64_t begin = 0;
  std::int64_t end = 0;  // half-open; the LF is not included
  std::int64_t size() const { return end - begin; }
};

// A run of consecutive lines: the first line's number and the bytes covering all of them
// (including the LFs between them, not the last one).
struct LineBlock {
  std::int64_t first_line = 0;
  std::int64_t line_count = 0;
  ByteRange bytes;
};

class LineIndex {
 public:
  static constexpr std::int64_t kLinesPerCheckpoint = 64;

  // Builder side: feed the text in order, then finish() once the whole text was given.
  void append(std::string_view chunk);
  void finish();

  // Reader side. Until finished, only the lines whose LF was seen are known.
  std::int64_t lines_known() const;
  std::int64_t bytes_indexed() const;
  bool complete() const;

  // The checkpoint block holding `line`: at most kLinesPerCheckpoint lines. Throws
  // Error(InvalidInput) for a line that is not known (yet).
  LineBlock block_of(std::int64_t line) const;
  // Exact lookups, re-reading one block through `read`.
  ByteRange line_range(std::int64_t line, const TextReader& read) const;
  // The line holding byte `offset` (an LF belongs to the line it ends). Throws for an offset
  // beyond the indexed text.
  std::int64_t line_of_offset(std::int64_t offset, const TextReader& read) const;

  // Bytes held by the index itself, for the memory budget.
  std::size_t memory_bytes() const;

 private:
  mutable std::mutex mutex_;
  std::vector<std::int64_t> checkpoints_{0};  // start of line k * kLinesPerCheckpoint
  std::int64_t newlines_ = 0;
  std::int64_t bytes_ = 0;
  std::int64_t last_lf_ = -1;  // offset of the last LF seen
  bool last_was_newline_ = true;  // no partial line pending
  bool finished_ = false;
};

// Splits the text of a block into its lines (views into `text`).
std::vector<std::string_view> split_lines(std::string_view text);

// Reads a text of text_size bytes in chunks of chunk_size and indexes it, reporting progress and
// honouring cancellation between chunks.
void build_line_index(LineIndex& index, std::int64_t text_size, const TextReader& read, const Progress& progress = {},
                      std::int64_t chunk_size = std::int64_t{1} << 20);

}  // namespace tftsr
