#include "core/patterns/pattern_summary.h"

#include <algorithm>
#include <cstdio>
#include <vector>

namespace tftsr::patterns {

std::string format_log_time(std::int64_t seconds) {
  // Howard Hinnant's civil_from_days.
  std::int64_t days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
  const std::int64_t rest = seconds - days * 86400;
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const std::int64_t doe = days - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t day = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t month = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t year = yoe + era * 400 + (month <= 2);
  char out[96];
  std::snprintf(out, sizeof out, "%04lld-%02lld-%02lld %02lld:%02lld:%02lld", static_cast<long long>(year),
                static_cast<long long>(month), static_cast<long long>(day), static_cast<long long>(rest / 3600),
                static_cast<long long>(rest / 60 % 60), static_cast<long long>(rest % 60));
  return out;
}

std::string pattern_summary_text(const PatternReport& report, const SummaryOptions& options) {
  std::vector<const PatternTemplate*> shown;
  for (const auto& t : report.templates) shown.push_back(&t);
  std::stable_sort(shown.begin(), shown.end(), [](const PatternTemplate* a, const PatternTemplate* b) {
    const bool wa = a->level >= LogLevel::Warning, wb = b->level >= LogLevel::Warning;
    return wa != wb ? wa : false;  // errors and warnings first; otherwise the report's order
  });
  const std::size_t total = shown.size();
  if (shown.size() > options.max_templates) shown.resize(options.max_templates);
  std::string out = std::to_string(report.line_count) + " lines, " + std::to_string(total) + " patterns";
  if (shown.size() < total) out += " (the " + std::to_string(shown.size()) + " shown: errors and warnings first)";
  out += "\n";
  for (const auto* t : shown) {
    out += std::to_string(t->count) + "x";
    if (t->level != LogLevel::Unknown) (out += " ") += log_level_name(t->level);
    if (t->first_time)
      out += " " + format_log_time(*t->first_time) + " .. " + format_log_time(t->last_time.value_or(*t->first_time));
    else
      out += " lines " + std::to_string(t->first_line) + ".." + std::to_string(t->last_line);
    out += ": ";
    if (t->text.size() > options.max_template_chars) out += t->text.substr(0, options.max_template_chars) + "...";
    else out += t->text;
    out += "\n";
  }
  for (const auto& n : report.notices) out += "note: " + n + "\n";
  return out;
}

}  // namespace tftsr::patterns
