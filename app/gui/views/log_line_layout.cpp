#include "app/gui/views/log_line_layout.h"

#include <algorithm>
#include <cctype>

namespace tftsr::gui {

std::size_t first_finding_at(const std::vector<PiiSpan>& findings, std::int64_t offset) {
  auto it = std::lower_bound(findings.begin(), findings.end(), offset,
                             [](const PiiSpan& f, std::int64_t at) { return f.start_offset < at; });
  // A finding that starts before the offset may still reach past it.
  while (it != findings.begin() && std::prev(it)->end_offset > offset) --it;
  return static_cast<std::size_t>(it - findings.begin());
}

namespace {
std::size_t cut_on_character(std::string_view text, std::size_t at) {
  while (at > 0 && at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) --at;
  return at;
}
}  // namespace

LineLayout layout_line(std::string_view line, std::int64_t line_offset, const std::vector<PiiSpan>& findings,
                       bool preview, std::size_t max_bytes) {
  LineLayout out;
  const std::size_t shown = line.size() > max_bytes ? cut_on_character(line, max_bytes) : line.size();
  out.hidden_bytes = line.size() - shown;
  const std::int64_t line_end = line_offset + static_cast<std::int64_t>(shown);
  std::size_t copied = 0;  // bytes of the line already in out.text
  for (std::size_t i = first_finding_at(findings, line_offset); i < findings.size(); ++i) {
    const PiiSpan& f = findings[i];
    if (f.start_offset >= line_end) break;
    const std::size_t begin = static_cast<std::size_t>(std::max(f.start_offset, line_offset) - line_offset);
    const std::size_t end = static_cast<std::size_t>(std::min(f.end_offset, line_end) - line_offset);
    if (end <= begin || begin < copied) continue;  // empty, or overlapping one already laid out
    out.text.append(line.substr(copied, begin - copied));
    LineSegment seg{i, out.text.size(), 0, false};
    if (preview && f.action != "keep") {
      out.text.append(f.replacement);
      seg.replaced = true;
    } else {
      out.text.append(line.substr(begin, end - begin));
    }
    seg.end = out.text.size();
    out.segments.push_back(seg);
    copied = end;
  }
  out.text.append(line.substr(copied, shown - copied));
  return out;
}

LogLevel log_level_of(std::string_view line) {
  const std::string_view head = line.substr(0, 160);
  auto has = [head](std::string_view word) {
    for (std::size_t at = head.find(word); at != std::string_view::npos; at = head.find(word, at + 1)) {
      const bool left = at == 0 || !std::isalpha(static_cast<unsigned char>(head[at - 1]));
      const std::size_t after = at + word.size();
      const bool right = after >= head.size() || !std::isalpha(static_cast<unsigned char>(head[after])) ||
                         (word == "WARN" && head.substr(after, 3) == "ING");
      if (left && right) return true;
    }
    return false;
  };
  if (has("ERROR") || has("FATAL") || has("CRITICAL")) return LogLevel::Error;
  if (has("WARN")) return LogLevel::Warning;
  if (has("DEBUG") || has("TRACE")) return LogLevel::Debug;
  return LogLevel::Info;
}

}  // namespace tftsr::gui
