#include "core/ai/log_excerpt.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace tftsr::ai {

namespace {

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

void ExcerptBuilder::emit(std::int64_t offset, std::string_view line) {
  if (cut_) return;
  if (spent_ + line.size() > budget_) {
    cut_ = true;
    return;
  }
  spent_ += line.size();
  ++sent_lines_;
  if (!pieces_.empty() && pieces_.back().offset + static_cast<std::int64_t>(pieces_.back().text.size()) == offset)
    pieces_.back().text += line;
  else
    pieces_.push_back({offset, std::string(line)});
}

void ExcerptBuilder::add_line(std::int64_t offset, std::string_view line) {
  ++lines_;
  if (cut_) return;
  if (!found_) {
    // Until a line of trouble shows up, the end of the log is the fallback.
    tail_.push_back({offset, std::string(line)});
    tail_bytes_ += line.size();
    while (!tail_.empty() && tail_bytes_ > budget_) {
      tail_bytes_ -= tail_.front().text.size();
      tail_.pop_front();
    }
  }
  if (tells_of_trouble(line)) {
    if (!found_) {
      found_ = true;
      tail_.clear();
    }
    for (const auto& b : before_) emit(b.offset, b.text);
    before_.clear();
    emit(offset, line);
    after_ = kExcerptContextLines;
    return;
  }
  if (after_ > 0) {
    --after_;
    emit(offset, line);
    return;
  }
  before_.push_back({offset, std::string(line)});
  if (before_.size() > static_cast<std::size_t>(kExcerptContextLines)) before_.pop_front();
}

LogExcerpt ExcerptBuilder::finish(std::int64_t lines_total) {
  LogExcerpt out;
  out.lines_total = lines_total >= 0 ? std::max(lines_total, lines_) : lines_;
  if (!found_) {
    for (const auto& l : tail_) {
      if (!out.pieces.empty()) out.pieces.back().text += l.text;
      else out.pieces.push_back({l.offset, l.text});
    }
    out.lines_sent = static_cast<std::int64_t>(tail_.size());
    out.bytes_sent = static_cast<std::int64_t>(tail_bytes_);
    out.note = with_separators(out.lines_sent) + " of " + with_separators(out.lines_total) +
               " lines: the last lines (no error lines found)";
    return out;
  }
  out.pieces = std::move(pieces_);
  out.lines_sent = sent_lines_;
  out.bytes_sent = static_cast<std::int64_t>(spent_);
  out.note = with_separators(out.lines_sent) + " of " + with_separators(out.lines_total) + " lines: error lines with " +
             std::to_string(kExcerptContextLines) + " lines of context" + (cut_ ? ", cut at the context budget" : "");
  return out;
}

LogExcerpt select_excerpt(std::string_view text, std::size_t budget_bytes) {
  if (text.size() <= budget_bytes) {
    LogExcerpt out;
    out.lines_total = static_cast<std::int64_t>(std::count(text.begin(), text.end(), '\n')) +
                      (!text.empty() && text.back() != '\n' ? 1 : 0);
    if (!text.empty()) out.pieces.push_back({0, std::string(text)});
    out.whole = true;
    out.lines_sent = out.lines_total;
    out.bytes_sent = static_cast<std::int64_t>(text.size());
    out.note = "all " + with_separators(out.lines_total) + " lines";
    return out;
  }
  ExcerptBuilder builder(budget_bytes);
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t nl = text.find('\n', at);
    const std::size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    builder.add_line(static_cast<std::int64_t>(at), text.substr(at, end - at));
    at = end;
  }
  return builder.finish();
}

}  // namespace tftsr::ai
