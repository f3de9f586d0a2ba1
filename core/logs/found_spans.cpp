#include "core/logs/found_spans.h"

#include <algorithm>
#include <limits>

#include "core/error.h"

namespace tftsr::logs {

void FoundSpans::add(const pii::Finding& f, std::string_view value) {
  if (value.size() > std::numeric_limits<std::uint32_t>::max() || value.size() != f.end - f.start)
    throw Error(ErrorKind::Internal, "a finding at byte " + std::to_string(f.start) + " has an impossible length");
  if (values_.back().size() + value.size() > values_.back().capacity() && !values_.back().empty()) {
    values_.emplace_back();
    values_.back().reserve(std::max(kBlockSize, value.size()));
  } else if (values_.back().capacity() < kBlockSize) {
    values_.back().reserve(std::max(kBlockSize, value.size()));
  }
  places_.push_back({f.start, static_cast<std::uint32_t>(value.size()), f.type});
  values_.back().append(value);
}

}  // namespace tftsr::logs
