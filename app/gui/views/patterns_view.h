#pragma once
// The patterns (mined templates) of one log, or of every log of an incident, in a tab: a sortable
// table of count, level, template, first and last seen, logs, with a sparkline of the lines per
// minute, a text filter, and a click that opens the log filtered to the pattern's lines. The
// patterns are the ones kept in the store (mined once per log); a log not mined yet is mined on
// the worker pool with progress, and kept. The table draws only its visible rows.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/gui/app_state.h"
#include "app/gui/tab_view.h"
#include "app/gui/view_jobs.h"
#include "core/patterns/pattern_report.h"

namespace tftsr::gui {

// A pattern over the logs mined, with its sparkline (lines per bucket of the common time range).
struct PatternRow {
  patterns::PatternTemplate pattern;  // counts and times summed over its logs
  std::vector<std::string> log_ids;   // the logs that have it; pattern.first_line is in the first
  std::vector<float> sparkline;
};

struct MinedPatterns {
  std::vector<PatternRow> rows;  // most lines first
  std::int64_t lines = 0;
  std::vector<std::string> notices;
};

// Sums the reports of several logs (log id, report), the same template id being one pattern.
MinedPatterns merge_pattern_reports(const std::vector<std::pair<std::string, patterns::PatternReport>>& reports,
                                    std::size_t sparkline_buckets = 40);

// Opens (or focuses) the log's tab, asking it to show a pattern's lines or a line.
void open_log_focused(AppState& state, const std::string& log_id, LogFocus focus);

// "2024-05-01 10:00:02" (UTC) of seconds since 1970.
std::string format_log_time(std::int64_t seconds);
// "10:00:02" when on the day of `day_of` (seconds since 1970), else "2024-05-02 10:00".
std::string short_log_time(std::int64_t seconds, std::optional<std::int64_t> day_of);

class PatternsView : public TabView {
 public:
  static constexpr const char* kKind = "patterns";
  // `id` is a log's id or an incident's (every log of it).
  PatternsView(AppState& state, const std::string& id);

  std::string title(const AppState& state) const override;
  void draw(AppState& state) override;
  void cancel_jobs() override { jobs_.cancel(); }
  bool shows(const std::string& id) const override;

  bool loaded() const { return mined_.has_value(); }
  const MinedPatterns* mined() const { return mined_ ? &*mined_ : nullptr; }
  // Rows shown (after the filter and the sort), as indexes into mined()->rows.
  const std::vector<std::size_t>& shown() const { return shown_; }

 private:
  enum class Column { Count, Level, Template, FirstSeen, LastSeen, Logs, Trend };
  void start(AppState& state);
  void refilter();
  void draw_table(AppState& state);

  std::string id_;
  std::optional<std::string> incident_id_;  // set when the tab shows a whole incident
  std::string name_;
  std::vector<std::pair<std::string, std::string>> logs_;  // id, file name
  std::string error_;
  bool started_ = false;
  std::optional<MinedPatterns> mined_;
  JobId job_ = 0;
  std::optional<std::int64_t> first_time_;  // of the earliest pattern: its day is left out of the times
  std::string filter_text_;
  std::string filtered_for_;
  std::vector<std::size_t> shown_;
  int sort_column_ = static_cast<int>(Column::Count);
  bool sort_ascending_ = false;
  bool sort_dirty_ = true;
  ViewJobs jobs_;
};

}  // namespace tftsr::gui
