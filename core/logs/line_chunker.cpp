#include "core/logs/line_chunker.h"

#include <algorithm>
#include <cstring>

namespace tftsr::logs {

LineChunker::LineChunker(std::size_t target, std::size_t lookbehind, std::size_t lookahead)
    : target_(std::max<std::size_t>(target, 1)), lookbehind_(lookbehind), lookahead_(lookahead) {}

void LineChunker::append(std::string_view text) {
  // Drop what earlier chunks took (but the look-behind) before growing, so the buffer stays
  // near one chunk.
  const std::size_t keep_from = start_ > lookbehind_ ? start_ - lookbehind_ : 0;
  if (keep_from > 0 && keep_from >= buffer_.size() / 2) {
    buffer_.erase(0, keep_from);
    newline_from_ -= std::min(newline_from_, keep_from);
    start_ -= keep_from;
  }
  buffer_.append(text);
}

std::optional<TextChunk> LineChunker::next() { return cut(false); }

std::optional<TextChunk> LineChunker::finish() { return cut(true); }

std::optional<TextChunk> LineChunker::cut(bool at_end) {
  const std::size_t end = buffer_.size();
  if (start_ == end) return std::nullopt;
  const char* data = buffer_.data();
  std::size_t cut_end = 0;
  if (end - start_ >= target_) {
    // The last line end within the target, else the first one after it (a long line).
    const void* last = memrchr(data + start_, '\n', target_);
    if (last) {
      cut_end = static_cast<std::size_t>(static_cast<const char*>(last) - data) + 1;
    } else {
      const std::size_t from = std::max(newline_from_, start_ + target_);
      const void* first = std::memchr(data + from, '\n', end - from);
      if (first) {
        cut_end = static_cast<std::size_t>(static_cast<const char*>(first) - data) + 1;
      } else if (at_end) {
        cut_end = end;
      } else {
        newline_from_ = end;  // the line goes on: look only at new text next time
        return std::nullopt;
      }
    }
  } else if (at_end) {
    cut_end = end;
  } else {
    return std::nullopt;
  }
  const std::size_t ahead = std::min(lookahead_, end - cut_end);
  if (!at_end && ahead < lookahead_) return std::nullopt;  // wait for the look-ahead

  // The look-behind starts at a line start when there is one within it.
  std::size_t behind_from = start_ > lookbehind_ ? start_ - lookbehind_ : 0;
  if (behind_from > 0 && data[behind_from - 1] != '\n') {
    const void* nl = std::memchr(data + behind_from, '\n', start_ - behind_from);
    if (nl && static_cast<const char*>(nl) + 1 < data + start_)
      behind_from = static_cast<std::size_t>(static_cast<const char*>(nl) - data) + 1;
  }

  TextChunk chunk;
  chunk.offset = offset_ - (start_ - behind_from);
  chunk.owned_begin = start_ - behind_from;
  chunk.owned_end = cut_end - behind_from;
  chunk.text.assign(data + behind_from, cut_end + ahead - behind_from);
  offset_ += cut_end - start_;
  start_ = cut_end;
  newline_from_ = 0;
  return chunk;
}

}  // namespace tftsr::logs
