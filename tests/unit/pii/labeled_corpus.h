#pragma once
// Reads the labeled corpus format: values written inline as {{Type:value}} (a value may span
// lines, e.g. a PEM block). The labels are stripped; the expected findings are byte spans into
// the stripped text.
#include <string>
#include <string_view>
#include <vector>

#include "core/pii/finding.h"

namespace tftsr::pii::testing {

struct LabeledText {
  std::string text;
  std::vector<Finding> expected;  // sorted by start
};

// Throws std::runtime_error on a malformed label (unknown type, missing "}}").
LabeledText parse_labeled_text(std::string_view labeled);

}  // namespace tftsr::pii::testing
