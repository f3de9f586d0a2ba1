#include "core/logs/line_chunker.h"

#include <sys/mman.h>

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace tftsr::logs {

LineChunker::LineChunker(std::size_t target, std::size_t lookbehind, std::size_t lookahead)
    : target_(std::max<std::size_t>(target, 1)), lookbehind_(lookbehind), lookahead_(lookahead) {
  reserve(buffer_, reserve_size());
}

// Chunk texts are megabytes, and touching fresh memory costs a page fault per 4 KiB (about a
// tenth of a file scan's time in a virtual machine): the kernel is asked for 2 MiB pages there
// (transparent huge pages, when the system allows them on request).
void LineChunker::reserve(std::string& text, std::size_t size) {
  const auto* before = text.data();
  text.reserve(size);
  if (text.data() == before) return;
  constexpr std::uintptr_t kHuge = std::uintptr_t{2} << 20;
  const auto begin = (reinterpret_cast<std::uintptr_t>(text.data()) + kHuge - 1) & ~(kHuge - 1);
  const auto end = (reinterpret_cast<std::uintptr_t>(text.data()) + text.capacity()) & ~(kHuge - 1);
  if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
}

// Room for a chunk and the pieces of text that complete it, so appending rarely reallocates.
std::size_t LineChunker::reserve_size() const { return 2 * target_ + lookbehind_ + lookahead_; }

void LineChunker::recycle(std::string text) {
  // A few are enough: as many as chunks in flight. Fresh memory costs a page fault per 4 KiB.
  if (spares_.size() < 4) spares_.push_back(std::move(text));
}

std::optional<TextChunk> LineChunker::next() { return cut(false); }

std::optional<TextChunk> LineChunker::finish() { return cut(true); }

std::optional<TextChunk> LineChunker::cut(bool at_end) {
  const std::size_t end = buffer_.size();
  if (start_ == end) return std::nullopt;
  if (!at_end && end - start_ < target_ + lookahead_) return std::nullopt;
  const char* data = buffer_.data();
  // Own everything that leaves a full look-ahead after it: the last line end before that limit,
  // else the first one after it (a line longer than the chunk).
  std::size_t cut_end;
  if (at_end) {
    cut_end = end;
  } else if (const void* last = memrchr(data + start_, '\n', end - lookahead_ - start_)) {
    cut_end = static_cast<std::size_t>(static_cast<const char*>(last) - data) + 1;
  } else {
    const std::size_t from = std::max(newline_from_, end - lookahead_);
    const void* first = std::memchr(data + from, '\n', end - from);
    if (!first) {
      newline_from_ = end;  // the line goes on: look only at new text next time
      return std::nullopt;
    }
    cut_end = static_cast<std::size_t>(static_cast<const char*>(first) - data) + 1;
    if (end - cut_end < lookahead_) return std::nullopt;  // wait for the look-ahead
  }
  const std::size_t ahead = std::min(lookahead_, end - cut_end);

  // The next chunk's look-behind starts at a line start when there is one within it.
  std::size_t next_behind = cut_end > lookbehind_ ? cut_end - lookbehind_ : 0;
  if (next_behind > 0 && data[next_behind - 1] != '\n') {
    const void* nl = std::memchr(data + next_behind, '\n', cut_end - next_behind);
    if (nl && static_cast<const char*>(nl) + 1 < data + cut_end)
      next_behind = static_cast<std::size_t>(static_cast<const char*>(nl) - data) + 1;
  }

  // The chunk takes the buffer as it is (no copy); what the next chunk needs moves to a new one.
  TextChunk chunk;
  chunk.offset = offset_ - start_;
  chunk.owned_begin = start_;
  chunk.owned_end = cut_end;
  std::string rest;
  if (!spares_.empty()) {
    rest = std::move(spares_.back());
    spares_.pop_back();
    rest.clear();
  }
  // The same size every time, so a recycled text always fits and its pages are reused.
  reserve(rest, std::max(reserve_size(), 2 * (end - next_behind)));
  rest.append(data + next_behind, end - next_behind);
  chunk.text = std::move(buffer_);
  chunk.text.resize(cut_end + ahead);
  buffer_ = std::move(rest);
  offset_ += cut_end - start_;
  start_ = cut_end - next_behind;
  newline_from_ = 0;
  return chunk;
}

}  // namespace tftsr::logs
