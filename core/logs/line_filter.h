#pragma once
// Finds the lines of a stored log that contain a text or match a regular expression, reading the
// text in chunks with progress and cancellation. The log view shows only these lines.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/logs/line_index.h"
#include "core/progress.h"

namespace tftsr {

struct LineFilterQuery {
  std::string pattern;
  bool regex = false;        // ECMAScript syntax
  bool ignore_case = false;
};

struct FilteredLine {
  std::int64_t line = 0;    // 0-based
  std::int64_t offset = 0;  // byte where the line starts
  std::string text;         // at most max_line_bytes of it
};

struct LineFilterResult {
  std::vector<FilteredLine> lines;  // empty when they were handed to a LineBatchSink
  bool truncated = false;  // more lines matched than max_matches
  std::int64_t lines_scanned = 0;
};

struct LineFilterLimits {
  std::size_t max_matches = 200000;
  std::size_t max_line_bytes = 4096;  // kept per match, and examined by a regex (std::regex recurses)
  std::size_t max_long_line_bytes = std::size_t{1} << 20;  // a longer line is searched on its start
  std::int64_t chunk_size = std::int64_t{1} << 20;
};

// Takes the lines found so far, a batch after each chunk read, for a caller that shows them while
// the filter runs (the log view). Lines handed to it are not kept in the result.
using LineBatchSink = std::function<void(std::vector<FilteredLine>&& batch)>;

// Throws Error(InvalidInput) for an empty pattern or an invalid regular expression.
LineFilterResult filter_lines(std::int64_t text_size, const TextReader& read, const LineFilterQuery& query,
                              const Progress& progress = {}, const LineFilterLimits& limits = {},
                              const LineBatchSink& on_batch = {});

// The lines for which keep(line number from 0, text) is true, read the same way (the log view's
// filter by pattern decides by the line's number).
using LinePredicate = std::function<bool(std::int64_t line, std::string_view text)>;
LineFilterResult filter_lines_where(std::int64_t text_size, const TextReader& read, const LinePredicate& keep,
                                    const Progress& progress = {}, const LineFilterLimits& limits = {},
                                    const LineBatchSink& on_batch = {});

}  // namespace tftsr
