#include "core/logs/streaming_redaction.h"

#include <algorithm>

#include "core/error.h"

namespace tftsr::logs {

void StreamingRedactor::add(const pii::Finding& f, bool redact) {
  if (f.end < f.start || f.start < last_end_ || f.start < position_) {
    throw Error(ErrorKind::InvalidInput, "finding " + std::to_string(added_) + " [" + std::to_string(f.start) + ", " +
                                             std::to_string(f.end) +
                                             ") overlaps the previous one, is unsorted or lies outside the text");
  }
  ++added_;
  last_end_ = f.end;
  if (redact) pending_.push_back({f.start, f.end, f.replacement});
}

void StreamingRedactor::feed(std::string_view text, std::string& out) {
  const std::uint64_t begin = position_, end = position_ + text.size();
  std::uint64_t at = std::min(std::max(skip_until_, begin), end);  // next byte to copy
  while (!pending_.empty() && pending_.front().start < end) {
    const Pending& f = pending_.front();
    out.append(text.substr(at - begin, f.start - at));
    out.append(f.replacement);
    skip_until_ = f.end;
    at = std::min(f.end, end);
    pending_.pop_front();
  }
  out.append(text.substr(at - begin, end - at));
  position_ = end;
}

void StreamingRedactor::finish() const {
  if (last_end_ > position_ || skip_until_ > position_) {
    throw Error(ErrorKind::InvalidInput, "a finding ends at byte " + std::to_string(std::max(last_end_, skip_until_)) +
                                             ", past the end of the text (" + std::to_string(position_) + " bytes)");
  }
}

}  // namespace tftsr::logs
