#pragma once
// One finding per byte. When candidates overlap, the winner is chosen by, in order:
//   1. specificity of the type (pii_type.cpp: PrivateKey > UrlWithCredentials > SlackWebhook >
//      Jwt > vendor tokens > BasicAuth > BearerToken > ApiKey > Password > GenericSecret >
//      CreditCard > Ssn > Email > MacAddress > Ipv6 > Ipv4 > PhoneNumber > Hostname),
//   2. length (the longer span),
//   3. position (the earlier start).
// Winners are taken greedily in that order; a candidate that overlaps any winner is dropped
// (never trimmed), so every finding is a whole value.
#include <vector>

#include "core/pii/finding.h"

namespace tftsr::pii {

// Returns the surviving findings sorted by start; exact duplicates collapse to one.
std::vector<Finding> resolve_overlaps(std::vector<Finding> candidates);

}  // namespace tftsr::pii
