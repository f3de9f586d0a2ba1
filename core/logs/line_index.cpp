#include "core/logs/line_index.h"

#include <algorithm>
#include <cstring>

#include "core/error.h"

namespace tftsr {

void LineIndex::append(std::string_view chunk) {
  if (chunk.empty()) return;
  // Find the newlines without the lock, publish them in one go: readers only wait for a push.
  std::vector<std::int64_t> found;
  std::int64_t base, newlines, last_lf;
  {
    std::lock_guard lock(mutex_);
    if (finished_) throw Error(ErrorKind::Internal, "text appended to a finished line index");
    base = bytes_;
    newlines = newlines_;
    last_lf = last_lf_;
  }
  const char* data = chunk.data();
  const char* end = data + chunk.size();
  for (const char* p = data; (p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)))); ++p) {
    ++newlines;
    last_lf = base + (p - data);
    if (newlines % kLinesPerCheckpoint == 0) found.push_back(base + (p - data) + 1);
  }
  std::lock_guard lock(mutex_);
  checkpoints_.insert(checkpoints_.end(), found.begin(), found.end());
  newlines_ = newlines;
  last_lf_ = last_lf;
  bytes_ = base + static_cast<std::int64_t>(chunk.size());
  last_was_newline_ = chunk.back() == '\n';
}

void LineIndex::finish() {
  std::lock_guard lock(mutex_);
  finished_ = true;
}

std::int64_t LineIndex::lines_known() const {
  std::lock_guard lock(mutex_);
  return newlines_ + (finished_ && !last_was_newline_ ? 1 : 0);
}

std::int64_t LineIndex::bytes_indexed() const {
  std::lock_guard lock(mutex_);
  return bytes_;
}

bool LineIndex::complete() const {
  std::lock_guard lock(mutex_);
  return finished_;
}

std::size_t LineIndex::memory_bytes() const {
  std::lock_guard lock(mutex_);
  return sizeof(*this) + checkpoints_.capacity() * sizeof(std::int64_t);
}

LineBlock LineIndex::block_of(std::int64_t line) const {
  std::lock_guard lock(mutex_);
  const std::int64_t known = newlines_ + (finished_ && !last_was_newline_ ? 1 : 0);
  if (line < 0 || line >= known)
    throw Error(ErrorKind::InvalidInput,
                "line " + std::to_string(line + 1) + " does not exist; the log has " + std::to_string(known) + " lines" +
                    (finished_ ? "" : " indexed so far"));
  const std::int64_t k = line / kLinesPerCheckpoint;
  LineBlock block;
  block.first_line = k * kLinesPerCheckpoint;
  block.line_count = std::min(kLinesPerCheckpoint, known - block.first_line);
  block.bytes.begin = checkpoints_[static_cast<std::size_t>(k)];
  if (static_cast<std::size_t>(k + 1) < checkpoints_.size()) {
    block.bytes.end = checkpoints_[static_cast<std::size_t>(k + 1)] - 1;  // before the LF
  } else if (finished_ && !last_was_newline_) {
    block.bytes.end = bytes_;
  } else {
    block.bytes.end = last_lf_;  // the last LF seen ends the last known line
  }
  return block;
}

ByteRange LineIndex::line_range(std::int64_t line, const TextReader& read) const {
  const LineBlock block = block_of(line);
  const std::string text = read(block.bytes.begin, block.bytes.size());
  std::int64_t start = 0;
  for (std::int64_t n = block.first_line; n < line; ++n) {
    const void* lf = std::memchr(text.data() + start, '\n', text.size() - static_cast<std::size_t>(start));
    if (!lf) throw Error(ErrorKind::Internal, "the log text changed under its line index");
    start = static_cast<const char*>(lf) - text.data() + 1;
  }
  const void* lf = std::memchr(text.data() + start, '\n', text.size() - static_cast<std::size_t>(start));
  const std::int64_t end = lf ? static_cast<const char*>(lf) - text.data() : static_cast<std::int64_t>(text.size());
  return {block.bytes.begin + start, block.bytes.begin + end};
}

std::int64_t LineIndex::line_of_offset(std::int64_t offset, const TextReader& read) const {
  std::int64_t k;
  std::int64_t block_begin;
  {
    std::lock_guard lock(mutex_);
    if (offset < 0 || offset >= bytes_)
      throw Error(ErrorKind::InvalidInput, "byte " + std::to_string(offset) + " is beyond the indexed text (" +
                                               std::to_string(bytes_) + " bytes)");
    auto it = std::upper_bound(checkpoints_.begin(), checkpoints_.end(), offset);
    k = (it - checkpoints_.begin()) - 1;
    block_begin = checkpoints_[static_cast<std::size_t>(k)];
  }
  const std::string text = read(block_begin, offset - block_begin);
  std::int64_t line = k * kLinesPerCheckpoint;
  const char* p = text.data();
  const char* end = p + text.size();
  while ((p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p))))) {
    ++line;
    ++p;
  }
  return line;
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (true) {
    std::size_t lf = text.find('\n', start);
    if (lf == std::string_view::npos) {
      lines.push_back(text.substr(start));
      break;
    }
    lines.push_back(text.substr(start, lf - start));
    start = lf + 1;
  }
  return lines;
}

void build_line_index(LineIndex& index, std::int64_t text_size, const TextReader& read, const Progress& progress,
                      std::int64_t chunk_size) {
  if (chunk_size <= 0) throw Error(ErrorKind::InvalidInput, "the chunk size must be positive");
  std::int64_t at = 0;
  while (at < text_size) {
    progress.throw_if_cancelled();
    const std::string chunk = read(at, std::min(chunk_size, text_size - at));
    if (chunk.empty()) throw Error(ErrorKind::Storage, "the stored log text ends early, at byte " + std::to_string(at));
    index.append(chunk);
    at += static_cast<std::int64_t>(chunk.size());
    progress.update(static_cast<double>(at) / static_cast<double>(text_size), "indexing lines");
  }
  index.finish();
  progress.update(1.0, "indexing lines");
}

}  // namespace tftsr
