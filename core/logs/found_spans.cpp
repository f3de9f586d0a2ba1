#include "core/logs/found_spans.h"

#include <limits>

#include "core/error.h"

namespace tftsr::logs {

void FoundSpans::add(const pii::Finding& f, std::string_view value) {
  if (value.size() > std::numeric_limits<std::uint32_t>::max() || value.size() != f.end - f.start)
    throw Error(ErrorKind::Internal, "a finding at byte " + std::to_string(f.start) + " has an impossible length");
  places_.push_back({f.start, static_cast<std::uint32_t>(value.size()), f.type});
  values_.append(value);
}

}  // namespace tftsr::logs
