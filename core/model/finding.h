#pragma once
// A value the PII detector found in an imported log, and the reviewer's decision on it.
#include <cstdint>
#include <map>
#include <string>

namespace tftsr {

// A row of `pii_spans`.
struct PiiSpan {
  std::string id;
  std::string log_file_id;
  std::string pii_type;
  std::int64_t start_offset = 0;  // bytes into the stored UTF-8 text, half-open
  std::int64_t end_offset = 0;
  std::string original_value;  // cleared once redactions are applied
  std::string replacement;
  std::string action = "redact";  // or "keep"
};

// What a scan found, without the findings themselves (a big log has millions: read them with
// LogService::findings() or for_each_finding()).
struct FindingCounts {
  std::int64_t redact = 0;
  std::int64_t keep = 0;
};
struct ScanSummary {
  std::int64_t total = 0;
  std::map<std::string, FindingCounts> by_type;  // by type name, with the decisions they have
};

}  // namespace tftsr
