#include "core/pii/redactor.h"

#include "core/error.h"

namespace tftsr::pii {

std::string redact(std::string_view text, std::span<const Finding> findings, const std::vector<bool>& redact_flags) {
  if (redact_flags.size() != findings.size()) {
    throw Error(ErrorKind::InvalidInput, "redaction needs one keep/redact decision per finding (" +
                                             std::to_string(findings.size()) + " findings, " +
                                             std::to_string(redact_flags.size()) + " decisions)");
  }
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;       // end of the text copied so far
  std::size_t previous = 0;  // end of the previous finding
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const auto& f = findings[i];
    if (f.start < previous || f.end < f.start || f.end > text.size()) {
      throw Error(ErrorKind::InvalidInput, "finding " + std::to_string(i) + " [" + std::to_string(f.start) + ", " +
                                               std::to_string(f.end) +
                                               ") overlaps the previous one, is unsorted or lies outside the text");
    }
    previous = f.end;
    if (!redact_flags[i]) continue;
    out.append(text.substr(pos, f.start - pos));
    out.append(f.replacement);
    pos = f.end;
  }
  out.append(text.substr(pos));
  return out;
}

std::string redact(std::string_view text, std::span<const Finding> findings) {
  return redact(text, findings, std::vector<bool>(findings.size(), true));
}

}  // namespace tftsr::pii
