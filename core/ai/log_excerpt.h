#pragma once
// What of a log fits in a request: the whole text when it is small enough; otherwise the lines
// that tell of trouble (errors, failures, exceptions, time-outs...) with a few lines of context
// around each, in the log's order, until the budget is spent; a log without any such line sends
// its last lines. The note says what was left out, for the user and for the model.
#include <cstddef>
#include <cstdint>
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

LogExcerpt select_excerpt(std::string_view text, std::size_t budget_bytes);

}  // namespace tftsr::ai
