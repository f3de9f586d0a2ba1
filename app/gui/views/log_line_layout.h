#pragma once
// What one log line looks like on screen: its text (with the replacements in place of redacted
// findings when previewing) and where each finding sits in that text, in bytes. Offsets are exact
// bytes of the stored UTF-8 text, so multibyte characters before a finding never shift it.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/finding.h"

namespace tftsr::gui {

struct LineSegment {
  std::size_t finding = 0;  // index into the sorted findings
  std::size_t begin = 0;    // bytes into LineLayout::text, half-open
  std::size_t end = 0;
  bool replaced = false;  // the replacement is drawn instead of the value
};

struct LineLayout {
  std::string text;
  std::vector<LineSegment> segments;
  std::size_t hidden_bytes = 0;  // cut off the end of a very long line
};

// Index of the first finding that may touch bytes at or after `offset` (findings sorted by start).
std::size_t first_finding_at(const std::vector<PiiSpan>& findings, std::int64_t offset);

// findings must be sorted by start_offset. preview: redacted findings show their replacement.
// At most max_bytes of the line are laid out (cut on a character boundary).
LineLayout layout_line(std::string_view line, std::int64_t line_offset, const std::vector<PiiSpan>& findings,
                       bool preview, std::size_t max_bytes);

// ERROR/FATAL, WARN, DEBUG/TRACE as found near the start of the line; Info otherwise.
enum class LogLevel { Info, Error, Warning, Debug };
LogLevel log_level_of(std::string_view line);

}  // namespace tftsr::gui
