#include "core/ai/log_excerpt.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace tftsr::ai {

namespace {

struct Line {
  std::size_t start = 0;
  std::size_t end = 0;  // past the newline
};

std::vector<Line> split_lines(std::string_view text) {
  std::vector<Line> lines;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t nl = text.find('\n', at);
    std::size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    lines.push_back({at, end});
    at = end;
  }
  return lines;
}

// Words that mark a line worth sending; matched without case.
constexpr std::array<std::string_view, 16> kTroubleWords = {
    "error", "fail", "fatal", "exception", "panic", "critical", "denied", "refused",
    "timeout", "timed out", "abort", "crash", "killed", "traceback", "unavailable", "oom"};

bool tells_of_trouble(std::string_view line) {
  std::string lower(line.substr(0, std::min<std::size_t>(line.size(), 4096)));
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return std::any_of(kTroubleWords.begin(), kTroubleWords.end(),
                     [&](std::string_view w) { return lower.find(w) != std::string::npos; });
}

std::string with_separators(std::int64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace

LogExcerpt select_excerpt(std::string_view text, std::size_t budget_bytes) {
  LogExcerpt out;
  const std::vector<Line> lines = split_lines(text);
  out.lines_total = static_cast<std::int64_t>(lines.size());
  if (text.size() <= budget_bytes) {
    if (!text.empty()) out.pieces.push_back({0, std::string(text)});
    out.whole = true;
    out.lines_sent = out.lines_total;
    out.bytes_sent = static_cast<std::int64_t>(text.size());
    out.note = "all " + with_separators(out.lines_total) + " lines";
    return out;
  }

  // Ranges of line indexes [first, last] around each line of trouble, merged where they touch.
  std::vector<std::pair<std::size_t, std::size_t>> ranges;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (!tells_of_trouble(text.substr(lines[i].start, lines[i].end - lines[i].start))) continue;
    const std::size_t first = i >= kExcerptContextLines ? i - kExcerptContextLines : 0;
    const std::size_t last = std::min(lines.size() - 1, i + kExcerptContextLines);
    if (!ranges.empty() && first <= ranges.back().second + 1)
      ranges.back().second = std::max(ranges.back().second, last);
    else
      ranges.emplace_back(first, last);
  }

  std::size_t spent = 0;
  if (ranges.empty()) {
    // Nothing stands out: the end of the log is where a failure usually shows.
    std::size_t first = lines.size();
    while (first > 0) {
      const std::size_t length = lines[first - 1].end - lines[first - 1].start;
      if (spent + length > budget_bytes) break;
      spent += length;
      --first;
    }
    if (first < lines.size()) {
      const std::size_t start = lines[first].start;
      out.pieces.push_back({static_cast<std::int64_t>(start), std::string(text.substr(start))});
      out.lines_sent = static_cast<std::int64_t>(lines.size() - first);
    }
    out.bytes_sent = static_cast<std::int64_t>(spent);
    out.note = with_separators(out.lines_sent) + " of " + with_separators(out.lines_total) +
               " lines: the last lines (no error lines found)";
    return out;
  }

  bool cut = false;
  for (const auto& [first, last] : ranges) {
    std::size_t end_line = first;
    // Whole lines of the range, as many as fit.
    while (end_line <= last && spent + (lines[end_line].end - lines[end_line].start) <= budget_bytes) {
      spent += lines[end_line].end - lines[end_line].start;
      ++end_line;
    }
    if (end_line > first) {
      const std::size_t start = lines[first].start;
      const std::size_t end = lines[end_line - 1].end;
      out.pieces.push_back({static_cast<std::int64_t>(start), std::string(text.substr(start, end - start))});
      out.lines_sent += static_cast<std::int64_t>(end_line - first);
    }
    if (end_line <= last) {
      cut = true;
      break;
    }
  }
  out.bytes_sent = static_cast<std::int64_t>(spent);
  out.note = with_separators(out.lines_sent) + " of " + with_separators(out.lines_total) + " lines: error lines with " +
             std::to_string(kExcerptContextLines) + " lines of context" +
             (cut ? ", cut at the context budget" : "");
  return out;
}

}  // namespace tftsr::ai
