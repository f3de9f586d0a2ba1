#pragma once
// One detected value: a half-open byte range [start, end) into the scanned UTF-8 buffer.
// For key=value types (Password, ApiKey, GenericSecret, BearerToken, BasicAuth) the range covers
// the value only, so "password=[Password]" keeps the key readable.
#include <cstddef>
#include <string>

#include "core/pii/pii_type.h"

namespace tftsr::pii {

struct Finding {
  PiiType type;
  std::size_t start = 0;
  std::size_t end = 0;
  std::string replacement;  // "[Type]" by default

  std::size_t length() const { return end - start; }
  bool operator==(const Finding&) const = default;
};

}  // namespace tftsr::pii
