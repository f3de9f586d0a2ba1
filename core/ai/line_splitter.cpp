#include "core/ai/line_splitter.h"

#include "core/ai/utf8_repair.h"
#include "core/error.h"

namespace tftsr::ai {

namespace {
std::string size_text(std::size_t bytes) {
  if (bytes % (1024 * 1024) == 0) return std::to_string(bytes / (1024 * 1024)) + " MiB";
  if (bytes % 1024 == 0) return std::to_string(bytes / 1024) + " KiB";
  return std::to_string(bytes) + " bytes";
}
}  // namespace

void LineSplitter::append(std::string_view piece) {
  if (line_.size() + piece.size() > max_line_bytes_) {
    failed_ = true;
    line_.clear();
    line_.shrink_to_fit();
    throw Error(ErrorKind::Network, "the provider sent a line longer than " + size_text(max_line_bytes_) +
                                        " without a line end; the reply was stopped to keep memory bounded");
  }
  line_.append(piece);
}

void LineSplitter::feed(std::string_view bytes, const std::function<void(std::string_view)>& on_line) {
  if (failed_)
    throw Error(ErrorKind::Network, "the reply was already stopped because a line was longer than " +
                                        size_text(max_line_bytes_));
  std::size_t pos = 0;
  if (after_cr_ && !bytes.empty()) {
    after_cr_ = false;
    if (bytes[0] == '\n') pos = 1;
  }
  while (pos < bytes.size()) {
    const std::size_t end = bytes.find_first_of("\r\n", pos);
    if (end == std::string_view::npos) {
      append(bytes.substr(pos));
      return;
    }
    append(bytes.substr(pos, end - pos));
    const std::string line = repair_utf8(line_);
    line_.clear();
    pos = end + 1;
    if (bytes[end] == '\r') {
      if (pos < bytes.size()) {
        if (bytes[pos] == '\n') ++pos;
      } else {
        after_cr_ = true;
      }
    }
    on_line(line);
  }
}

std::optional<std::string> LineSplitter::take_rest() {
  if (line_.empty()) return std::nullopt;
  std::string rest = repair_utf8(line_);
  line_.clear();
  return rest;
}

}  // namespace tftsr::ai
