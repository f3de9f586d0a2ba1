#pragma once
// One stored log in a tab: virtualised lines with numbers and level colours, findings drawn in
// place (one click toggles redact / keep, right-click for every finding of a type or value),
// find-as-filter, go to line, a redacted preview, and the scan / apply actions. The line index is
// built on the worker pool and the view draws from it while it grows; only the visible lines'
// text is read from the store.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/gui/app_state.h"
#include "app/gui/tab_view.h"
#include "app/gui/view_jobs.h"
#include "app/gui/views/filter_feed.h"
#include "app/gui/views/log_findings_panel.h"
#include "core/logs/line_filter.h"
#include "core/logs/line_index.h"

namespace tftsr::gui {

class LogView : public TabView {
 public:
  static constexpr const char* kKind = "log";
  // Reads the log's record; the index and the findings load from the first draw on.
  LogView(AppState& state, const std::string& log_id);

  std::string title(const AppState& state) const override;
  void draw(AppState& state) override;
  void cancel_jobs() override { jobs_.cancel(); }
  bool shows(const std::string& id) const override;

  const std::string& log_id() const { return log_id_; }
  const LineIndex& index() const { return *index_; }
  bool index_complete() const { return index_ && index_->complete(); }
  const std::vector<PiiSpan>& findings() const { return findings_; }
  bool findings_loaded() const { return findings_loaded_; }
  bool busy() const { return scanning_ || applying_ || filtering_; }
  // Lines drawn in the last frame (line numbers, 0-based, half-open).
  std::int64_t first_drawn_line() const { return drawn_first_; }
  std::int64_t end_drawn_line() const { return drawn_end_; }
  std::size_t cached_text_bytes() const { return window_.text.size(); }
  std::int64_t text_fetches() const { return fetches_; }
  std::optional<std::size_t> current_finding() const { return current_finding_; }
  const std::string& filter_error() const { return filter_error_; }
  bool filtered() const { return filter_.has_value(); }
  // The pattern the lines are filtered by (its template text), empty for none.
  const std::string& pattern_filter() const { return pattern_text_; }
  // The lines found so far while a filter runs, all of them once it has ended.
  const LineFilterResult* filter_result() const { return filter_ ? &*filter_ : nullptr; }
  bool filter_running() const { return filtering_; }
  void scroll_to_line(std::int64_t line) { scroll_request_ = line; }

 private:
  // The text of the lines around the visible ones, refetched only when scrolling leaves it.
  struct TextWindow {
    std::int64_t first_line = 0;
    std::int64_t lines_known_then = -1;
    std::int64_t offset = 0;  // byte of the first line
    std::string text;
    std::vector<std::string_view> lines;
    bool covers(std::int64_t first, std::int64_t end) const {
      return lines_known_then >= 0 && first >= first_line && end <= first_line + static_cast<std::int64_t>(lines.size());
    }
  };

  void start(AppState& state);
  void load_findings(AppState& state);
  void set_findings(std::vector<PiiSpan> findings);
  TextReader reader(AppState& state) const;
  void ensure_window(AppState& state, std::int64_t first, std::int64_t end);

  void draw_toolbar(AppState& state);
  void draw_lines(AppState& state);
  void draw_line(AppState& state, std::int64_t line, std::int64_t offset, std::string_view text, float gutter);
  void draw_finding_menu(AppState& state);
  void draw_goto_popup();
  void draw_apply_confirmation(AppState& state);
  void handle_keys(AppState& state);

  void toggle_finding(AppState& state, std::size_t index);
  void set_actions(AppState& state, const std::string& action, const std::optional<std::string>& pii_type,
                   const std::optional<std::string>& value);
  void jump_to_finding(AppState& state, int direction);
  void run_scan(AppState& state);
  void run_apply(AppState& state);
  void run_filter(AppState& state);
  // Shows the lines of the template: one pass over the text on the pool, each line matched
  // against the log's stored patterns (mined first only when the log has none yet).
  void run_pattern_filter(AppState& state, const LogFocus& focus);
  // Runs a filter on the pool; the lines it finds show while it runs (through feed_).
  using FilterWork = std::function<LineFilterResult(JobContext& ctx, const LineBatchSink& on_batch)>;
  void start_filter(AppState& state, std::string job_name, FilterWork work);
  void take_filtered_lines();
  // Stops a running filter (its lines stay) and, with `show_all`, shows every line again.
  void stop_filter(AppState& state, bool show_all);
  void take_focus_request(AppState& state);

  std::string log_id_;
  bool started_ = false;
  std::optional<LogFile> log_;
  std::string error_;
  std::shared_ptr<LineIndex> index_;

  std::vector<PiiSpan> findings_;  // sorted by start_offset
  std::map<std::string, FindingCounts> counts_;
  bool findings_loaded_ = false;
  bool findings_requested_ = false;
  bool scanning_ = false;
  bool applying_ = false;
  bool confirm_apply_ = false;
  bool preview_ = false;
  std::optional<std::size_t> current_finding_;  // the one n / p last jumped to
  std::optional<std::size_t> menu_finding_;     // the one the context menu is about

  TextWindow window_;
  std::int64_t fetches_ = 0;
  std::optional<std::int64_t> scroll_request_;
  std::int64_t drawn_first_ = 0, drawn_end_ = 0;
  float widest_line_ = 0.0f;

  std::string find_text_;
  bool find_regex_ = false;
  bool find_ignore_case_ = true;
  bool filtering_ = false;
  std::optional<LineFilterResult> filter_;
  std::string filter_error_;
  bool filter_stopped_ = false;  // cancelled part-way: filter_ holds the lines found before
  std::shared_ptr<FilterFeed> feed_;  // of the running filter
  JobId filter_job_ = 0;
  std::uint64_t filter_generation_ = 0;      // results of a replaced filter are dropped
  std::string pattern_text_;                 // of the pattern filter shown or running
  std::optional<std::int64_t> pending_line_;  // 0-based; scrolled to once indexed that far
  bool goto_open_ = false;
  std::string goto_text_;
  ViewJobs jobs_;
};

}  // namespace tftsr::gui
