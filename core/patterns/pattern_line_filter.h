#pragma once
// Which lines of a log belong to one of its mined patterns, decided line by line from the log's
// stored templates (pattern_matcher.h): the log view filters by a pattern in one pass over the
// text, showing the lines as they are found, without mining the log again.
#include <string>

#include "core/logs/line_filter.h"
#include "core/patterns/pattern_report.h"

namespace tftsr::patterns {

// A predicate for filter_lines_where(): true for the lines the template with this id stands for
// (the most specific of `report`'s templates that matches the line). Error(NotFound) when the
// report has no template with this id. The predicate keeps its own matcher: use it on one thread.
LinePredicate lines_of_pattern(const PatternReport& report, const std::string& template_id);

}  // namespace tftsr::patterns
