#include "core/patterns/pattern_line_filter.h"

#include <memory>

#include "core/error.h"
#include "core/patterns/pattern_matcher.h"

namespace tftsr::patterns {

LinePredicate lines_of_pattern(const PatternReport& report, const std::string& template_id) {
  auto matcher = std::make_shared<PatternMatcher>(report.templates);
  const auto wanted = matcher->find_id(template_id);
  if (!wanted) throw Error(ErrorKind::NotFound, "this pattern is not in the log any more");
  return [matcher, index = *wanted](std::int64_t, std::string_view line) { return matcher->belongs_to(line, index); };
}

}  // namespace tftsr::patterns
