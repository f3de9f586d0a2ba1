#pragma once
// An incremental parser for newline-delimited JSON (Ollama's streaming format): feed it bytes
// as they arrive and it calls back once per non-blank line. Lines end at LF, CRLF or CR; the
// last line may lack its terminator (finish() hands it over). Lines are bounded in size;
// invalid UTF-8 becomes U+FFFD. Parsing the JSON of a line is the caller's business, so that a
// provider can give its own meaning to each object.
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/ai/line_splitter.h"

namespace tftsr::ai {

class NdjsonParser {
 public:
  static constexpr std::size_t kDefaultMaxLineBytes = 4 * 1024 * 1024;

  explicit NdjsonParser(std::size_t max_line_bytes = kDefaultMaxLineBytes) : lines_(max_line_bytes) {}

  // Throws Error(Network) when a line exceeds the limit.
  void feed(std::string_view bytes, const std::function<void(std::string_view)>& on_line);

  // The stream ended: the unterminated last line, if it holds anything but blanks.
  std::optional<std::string> finish();

 private:
  LineSplitter lines_;
};

}  // namespace tftsr::ai
