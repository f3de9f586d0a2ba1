#pragma once
// Evidence of a 5-Whys answer: lines of a log or an image of the same incident (step_evidence).
#include <cstdint>
#include <optional>
#include <string>

namespace tftsr {

struct EvidenceLink {
  std::string id;
  std::string step_id;
  std::optional<std::string> log_id;
  std::int64_t first_line = 0, last_line = 0;  // 1-based, inclusive; log links only
  std::optional<std::string> image_id;
  std::string created_at;
  // Read with the link, for showing it.
  std::string file_name;
};

}  // namespace tftsr
