#pragma once
// A single hand-written pass that finds values made of digits and punctuation (IPv4, IPv6, MAC,
// SSN, card and phone numbers) and dotted names (e-mail addresses, host names). It stops only
// at digits and at the punctuation such values contain ('.', ':', '-', '@', '+'), looks at the
// shape around that byte, and hands plausible spans to the same checks as the pattern rules.
#include <string_view>
#include <vector>

#include "core/pii/finding.h"
#include "core/pii/pii_type.h"

namespace tftsr::pii {

// Appends candidates (not yet overlap-resolved) found in the whole of `text`.
void scan_structured_values(std::string_view text, const PiiTypeSet& enabled, std::vector<Finding>& out);

// True if any type this scanner handles is in `enabled`.
bool uses_structured_scanner(const PiiTypeSet& enabled);

}  // namespace tftsr::pii
