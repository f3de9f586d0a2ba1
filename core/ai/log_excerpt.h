#pragma once
// What of a log fits in a request: the whole text when it is small enough; otherwise the lines
// that tell of trouble (errors, failures, exceptions, time-outs...) with a few lines of context
// around each, in the log's order, until the budget is spent; a log without any such line sends
// its last lines. The note says what was left out, for the user and for the model.
//
// The builder takes the log line by line, so a log of any size is excerpted in memory bounded by
// the budget: the caller reads it piece by piece and stops once full().
#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace tftsr::ai {

struct ExcerptPiece {
  std::int64_t offset = 0;  // bytes into the text
  std::string text;         // whole lines
};

struct LogExcerpt {
  std::vector<ExcerptPiece> pieces;
  std::int64_t lines_total = 0;
  std::int64_t lines_sent = 0;
  std::int64_t bytes_sent = 0;
  bool whole = false;
  std::string note;  // "all 120 lines" or "412 of 50,000 lines: error lines with 3 lines of context"
};

inline constexpr int kExcerptContextLines = 3;

class ExcerptBuilder {
 public:
  explicit ExcerptBuilder(std::size_t budget_bytes) : budget_(budget_bytes) {}

  // The next line of the log (with its '\n', if it has one), starting at `offset`.
  void add_line(std::int64_t offset, std::string_view line);
  // The budget is spent on lines of trouble: reading further cannot change the excerpt.
  bool full() const { return cut_; }
  // `lines_total`: the log's line count when the caller stopped early; -1 to count what was added.
  LogExcerpt finish(std::int64_t lines_total = -1);

 private:
  struct Line {
    std::int64_t offset;
    std::string text;
  };
  void emit(std::int64_t offset, std::string_view line);

  std::size_t budget_;
  std::int64_t lines_ = 0;
  std::deque<Line> before_;  // the last lines not sent, for context before a line of trouble
  int after_ = 0;            // lines of context still owed after the last line of trouble
  bool found_ = false;
  bool cut_ = false;
  std::size_t spent_ = 0;
  std::int64_t sent_lines_ = 0;
  std::vector<ExcerptPiece> pieces_;
  std::deque<Line> tail_;  // the last lines within the budget, for a log without trouble
  std::size_t tail_bytes_ = 0;
};

// The excerpt of a text held whole.
LogExcerpt select_excerpt(std::string_view text, std::size_t budget_bytes);

}  // namespace tftsr::ai
