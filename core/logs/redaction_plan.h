#pragma once
// What applying the decisions needs of every finding of a log, compactly (24 bytes a finding):
// where it is, its type, whether it is redacted and, only when it is not "[Type]", its
// replacement. Read from the store in text order; the values are not needed.
#include <cstdint>
#include <string>
#include <vector>

#include "core/pii/pii_type.h"

namespace tftsr::logs {

struct RedactionPlan {
  struct Place {
    std::uint64_t start, end;
    pii::PiiType type;
    bool redact;
    std::uint32_t replacement;  // 0: "[Type]"; otherwise custom[replacement - 1]
  };
  std::vector<Place> places;  // sorted by start
  std::vector<std::string> custom;

  const std::string& replacement_of(const Place& p) const;
};

// "[Type]": what the detector puts in place of a finding, made once per type.
const std::string& default_replacement(pii::PiiType type);

}  // namespace tftsr::logs
