#pragma once
// Redaction of a text that passes through in pieces, so a log of any size is redacted in bounded
// memory: findings are added (in order) before the text they start in is fed, and each piece of
// text comes out with its redacted findings replaced. The output equals pii::redact() on the
// whole text with the same findings and decisions.
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>

#include "core/pii/finding.h"

namespace tftsr::logs {

class StreamingRedactor {
 public:
  // Findings must come sorted by start, not overlapping, and start at or after the text fed so
  // far; otherwise Error(InvalidInput). `redact` false keeps the finding's bytes as they are.
  void add(const pii::Finding& finding, bool redact);
  // The next bytes of the text; the redacted form of them is appended to `out`.
  void feed(std::string_view text, std::string& out);
  // After the last piece: Error(InvalidInput) if a finding lies beyond the end of the text.
  void finish() const;

  std::uint64_t fed() const { return position_; }

 private:
  struct Pending {
    std::uint64_t start, end;
    std::string replacement;
  };
  std::deque<Pending> pending_;     // redacted findings not yet written out
  std::uint64_t position_ = 0;      // bytes fed so far
  std::uint64_t skip_until_ = 0;    // the text before this is inside a replaced finding
  std::uint64_t last_end_ = 0;      // end of the last finding added
  std::uint64_t added_ = 0;
};

}  // namespace tftsr::logs
