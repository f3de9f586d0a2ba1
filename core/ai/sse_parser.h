#pragma once
// An incremental parser for text/event-stream (the WHATWG "interpreting an event stream"
// rules): feed it the bytes of a response as they arrive, in pieces split anywhere, and it calls
// back once per complete event.
//   - lines end at CRLF, LF or CR; a leading UTF-8 BOM is dropped;
//   - `:` starts a comment (keep-alives such as `: ping`), ignored;
//   - `field: value` loses one space after the colon; `data` lines accumulate joined by LF;
//   - a blank line dispatches the event, unless it carried no data;
//   - unknown fields are ignored; invalid UTF-8 becomes U+FFFD.
// Lines and events are bounded in size (see LineSplitter).
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "core/ai/line_splitter.h"

namespace tftsr::ai {

struct SseEvent {
  std::string event;  // the `event:` name; empty means the default, "message"
  std::string data;   // the `data:` lines joined by LF
  std::string id;
};

class SseParser {
 public:
  static constexpr std::size_t kDefaultMaxLineBytes = 4 * 1024 * 1024;

  explicit SseParser(std::size_t max_line_bytes = kDefaultMaxLineBytes);

  // Throws Error(Network) when a line or an event exceeds the limit.
  void feed(std::string_view bytes, const std::function<void(const SseEvent&)>& on_event);

  // The stream ended. True when it ended between events; false when an event or a line was
  // still incomplete (the connection closed mid-event). An incomplete event is discarded, as
  // the standard says: its data may be cut in the middle of a JSON value.
  bool finish();

 private:
  void on_line(std::string_view line, const std::function<void(const SseEvent&)>& on_event);

  LineSplitter lines_;
  SseEvent pending_;
  bool has_data_ = false;
  bool pending_fields_ = false;  // a field arrived since the last blank line
  bool first_line_ = true;
};

}  // namespace tftsr::ai
