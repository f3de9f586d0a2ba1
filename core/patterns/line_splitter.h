#pragma once
// Cuts a stream of text pieces into lines (LF-separated; a CR before the LF is dropped; a final
// line without LF counts; an empty text has no lines). A line longer than `max_line_bytes` is
// handed over cut to that length, and the rest of it is skipped without being kept, so a single
// 10 MB line costs no more memory than a short one.
#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>

namespace tftsr::patterns {

class LineSplitter {
 public:
  explicit LineSplitter(std::size_t max_line_bytes) : max_(max_line_bytes) {}

  // on_line(std::string_view line, bool cut) for every line the piece completes.
  template <typename OnLine>
  void feed(std::string_view piece, OnLine&& on_line) {
    std::size_t pos = 0;
    while (pos < piece.size()) {
      const void* lf = std::memchr(piece.data() + pos, '\n', piece.size() - pos);
      const std::size_t end = lf ? static_cast<std::size_t>(static_cast<const char*>(lf) - piece.data()) : piece.size();
      const std::string_view part = piece.substr(pos, end - pos);
      if (lf && !open_) {
        emit(part, part.size() > max_, on_line);  // the common case: no copy
      } else {
        open_ = true;
        if (partial_.size() < max_) partial_.append(part.substr(0, max_ - partial_.size()));
        seen_ += part.size();
        if (lf) {
          emit(partial_, seen_ > max_, on_line);
          partial_.clear();
          open_ = false;
          seen_ = 0;
        }
      }
      pos = end + (lf ? 1 : 0);
    }
  }

  // After the last piece: the last line, if it had no LF.
  template <typename OnLine>
  void finish(OnLine&& on_line) {
    if (open_) emit(partial_, seen_ > max_, on_line);
    partial_.clear();
    open_ = false;
    seen_ = 0;
  }

 private:
  template <typename OnLine>
  void emit(std::string_view line, bool cut, OnLine& on_line) {
    if (line.size() > max_) line = line.substr(0, max_);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    on_line(line, cut);
  }

  std::size_t max_;
  std::string partial_;  // the start of the line in progress, at most max_ bytes
  std::size_t seen_ = 0;  // bytes of the line in progress seen so far
  bool open_ = false;     // a line is in progress
};

}  // namespace tftsr::patterns
