#pragma once
// Cuts a byte stream that arrives in arbitrary pieces into lines, for the SSE and NDJSON
// parsers. A line ends at CRLF, LF or a lone CR (the event-stream rule; harmless for NDJSON,
// where JSON cannot hold a raw CR), even when the CR and the LF arrive in different pieces.
// A line may not grow past a limit: a reply that is one endless line is stopped with a clear
// error instead of eating memory.
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace tftsr::ai {

class LineSplitter {
 public:
  explicit LineSplitter(std::size_t max_line_bytes) : max_line_bytes_(max_line_bytes) {}

  // Calls on_line with each complete line, without its terminator, invalid UTF-8 replaced.
  // Throws Error(Network) when a line exceeds the limit; the splitter then stays failed.
  void feed(std::string_view bytes, const std::function<void(std::string_view)>& on_line);

  // The bytes after the last line end (invalid UTF-8 replaced), if any, and forgets them.
  std::optional<std::string> take_rest();

  std::size_t max_line_bytes() const { return max_line_bytes_; }

 private:
  void append(std::string_view piece);

  std::size_t max_line_bytes_;
  std::string line_;
  bool after_cr_ = false;  // the last byte seen was a CR: a following LF belongs to it
  bool failed_ = false;
};

}  // namespace tftsr::ai
