#include "core/ai/sse_parser.h"

#include "core/error.h"

namespace tftsr::ai {

SseParser::SseParser(std::size_t max_line_bytes) : lines_(max_line_bytes) {}

void SseParser::feed(std::string_view bytes, const std::function<void(const SseEvent&)>& on_event) {
  lines_.feed(bytes, [&](std::string_view line) { on_line(line, on_event); });
}

void SseParser::on_line(std::string_view line, const std::function<void(const SseEvent&)>& on_event) {
  if (first_line_) {
    first_line_ = false;
    if (line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
  }
  if (line.empty()) {
    if (has_data_) {
      on_event(pending_);
    }
    pending_ = {};
    has_data_ = false;
    pending_fields_ = false;
    return;
  }
  if (line[0] == ':') return;
  std::string_view name = line, value;
  if (const auto colon = line.find(':'); colon != std::string_view::npos) {
    name = line.substr(0, colon);
    value = line.substr(colon + 1);
    if (!value.empty() && value[0] == ' ') value.remove_prefix(1);
  }
  pending_fields_ = true;
  if (name == "data") {
    if (pending_.data.size() + value.size() + 1 > lines_.max_line_bytes())
      throw Error(ErrorKind::Network, "the provider sent an event larger than the limit of " +
                                          std::to_string(lines_.max_line_bytes()) +
                                          " bytes; the reply was stopped to keep memory bounded");
    if (has_data_) pending_.data += '\n';
    pending_.data.append(value);
    has_data_ = true;
  } else if (name == "event") {
    pending_.event.assign(value);
  } else if (name == "id") {
    if (value.find('\0') == std::string_view::npos) pending_.id.assign(value);
  }
  // `retry` and unknown fields do not concern a client that never reconnects.
}

bool SseParser::finish() {
  const bool partial_line = lines_.take_rest().has_value();
  const bool clean = !partial_line && !pending_fields_;
  pending_ = {};
  has_data_ = false;
  pending_fields_ = false;
  return clean;
}

}  // namespace tftsr::ai
