#include "app/gui/views/triage_summary_panel.h"

#include <imgui.h>

#include <algorithm>

#include "app/gui/job_progress.h"
#include "app/gui/theme.h"
#include "app/gui/ui_probe.h"
#include "app/gui/views/patterns_view.h"

namespace tftsr::gui {

namespace {
constexpr std::size_t kTopPatterns = 10;
constexpr std::int64_t kMaxBars = 240;  // a longer span is drawn in buckets of several minutes

double job_fraction(const WorkerPool& pool, JobId id) {
  for (const JobStatus& j : pool.jobs())
    if (j.id == id) return j.progress;
  return -1.0;
}

// Minutes per bar of the chart: 1 up to kMaxBars minutes, then as many as it takes.
std::int64_t minutes_per_bar(const std::vector<patterns::ErrorMinute>& minutes) {
  if (minutes.empty()) return 1;
  const std::int64_t span = minutes.back().minute - minutes.front().minute + 1;
  return std::max<std::int64_t>(1, (span + kMaxBars - 1) / kMaxBars);
}

std::vector<float> error_bars(const std::vector<patterns::ErrorMinute>& minutes) {
  if (minutes.empty()) return {};
  const std::int64_t per = minutes_per_bar(minutes);
  const std::int64_t first = minutes.front().minute;
  std::vector<float> bars(static_cast<std::size_t>((minutes.back().minute - first) / per + 1), 0.0f);
  for (const auto& m : minutes) bars[static_cast<std::size_t>((m.minute - first) / per)] += static_cast<float>(m.errors);
  return bars;
}

std::string clock_of(std::int64_t seconds) { return format_log_time(seconds).substr(11, 5); }
}  // namespace

std::string TriageSummaryPanel::log_name(const std::string& log_id) const {
  if (triage_)
    for (const auto& [id, name] : triage_->logs)
      if (id == log_id) return name;
  return "log";
}

void TriageSummaryPanel::start(AppState& state, const std::string& incident_id) {
  if (running_) jobs_.cancel();  // of logs that changed since
  const std::uint64_t generation = ++generation_;
  running_ = true;
  error_.clear();
  Triage* triage = state.triage.get();
  job_ = jobs_.run(
      state.pool, "Summarising the incident's logs",
      [triage, incident_id](JobContext& ctx) { return triage->patterns().triage(incident_id, {}, progress_of(ctx)); },
      [this, generation](IncidentTriage result) {
        if (generation != generation_) return;
        running_ = false;
        errors_per_minute_ = error_bars(result.summary.per_minute);
        triage_ = std::move(result);
      },
      [this, generation](const JobFailure& f) {
        if (generation != generation_) return;
        running_ = false;
        if (f.kind != ErrorKind::Cancelled) error_ = f.message;
      });
}

void TriageSummaryPanel::pattern_row(AppState& state, const patterns::RankedPattern& p, const std::string& probe_key) {
  const patterns::PatternTemplate& t = p.pattern;
  ImGui::PushID(probe_key.c_str());
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  const std::string_view level = patterns::log_level_name(t.level);
  ImGui::TextColored(level_colour(t.level), "%.*s", static_cast<int>(level.size()), level.data());
  ImGui::TableNextColumn();
  ImGui::Text("%lld", static_cast<long long>(t.problem_lines() ? t.problem_lines() : t.count));
  ImGui::TableNextColumn();
  const bool clicked = ImGui::Selectable(t.text.c_str(), false, ImGuiSelectableFlags_SpanAllColumns);
  probe::record(probe_key);
  if (ImGui::IsItemHovered()) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 40.0f);
    ImGui::TextUnformatted(t.text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::TextDisabled("First in %s, line %lld  ·  click to show its lines", log_name(p.first_log_id).c_str(),
                        static_cast<long long>(t.first_line));
    ImGui::EndTooltip();
  }
  if (clicked) open_log_focused(state, p.first_log_id, LogFocus{t.id, t.text, t.first_line});
  ImGui::TableNextColumn();
  ImGui::TextDisabled("%s", t.first_time ? short_log_time(*t.first_time, triage_->summary.start_time).c_str()
                                         : ("line " + std::to_string(t.first_line)).c_str());
  ImGui::TableNextColumn();
  std::string where = log_name(p.first_log_id);
  if (p.log_ids.size() > 1) where += " +" + std::to_string(p.log_ids.size() - 1);
  ImGui::TextDisabled("%s", where.c_str());
  ImGui::PopID();
}

void TriageSummaryPanel::draw(AppState& state, const std::string& incident_id, const std::vector<LogFile>& logs) {
  std::string key;
  for (const LogFile& log : logs) key += log.id + ";";
  if (logs.empty()) {
    ImGui::TextDisabled("No logs yet. Add logs to see their error patterns, the first error and when it started.");
    probe::record("triage.no_logs");
    logs_key_ = key;
    return;
  }
  if (key != logs_key_ && !state.rekey_running) {
    logs_key_ = key;
    start(state, incident_id);
  }
  if (running_) {
    const double f = job_fraction(state.pool, job_);
    ImGui::TextDisabled("Mining the logs' patterns…");
    ImGui::SameLine();
    ImGui::ProgressBar(f < 0 ? 0.0f : static_cast<float>(f), ImVec2(ImGui::GetFontSize() * 12.0f, 0));
    probe::record("triage.progress");
  }
  if (!error_.empty()) ImGui::TextColored(level_colour(patterns::LogLevel::Error), "%s", error_.c_str());
  if (!triage_) return;
  const patterns::TriageSummary& s = triage_->summary;

  ImGui::TextDisabled("Started");
  ImGui::SameLine(ImGui::GetFontSize() * 7.0f);
  if (s.start_time)
    ImGui::Text("%s UTC  (%.*s)", format_log_time(*s.start_time).c_str(),
                static_cast<int>(patterns::start_source_text(s.start_source).size()),
                patterns::start_source_text(s.start_source).data());
  else
    ImGui::TextDisabled("unknown (no timestamps in the logs)");
  probe::record("triage.start");

  ImGui::TextDisabled("First error");
  ImGui::SameLine(ImGui::GetFontSize() * 7.0f);
  if (s.first_error) {
    const patterns::PatternTemplate& t = s.first_error->pattern;
    const std::string label = t.text + "##first_error";
    ImGui::PushStyleColor(ImGuiCol_Text, level_colour(t.level));
    const float width = std::min(ImGui::CalcTextSize(t.text.c_str()).x, ImGui::GetContentRegionAvail().x * 0.6f);
    const bool clicked = ImGui::Selectable(label.c_str(), false, 0, ImVec2(width, 0));
    ImGui::PopStyleColor();
    probe::record("triage.first_error");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Opens %s at this line", log_name(s.first_error->first_log_id).c_str());
    ImGui::SameLine();
    ImGui::TextDisabled("%s line %lld%s%s", log_name(s.first_error->first_log_id).c_str(),
                        static_cast<long long>(t.first_line), t.first_time ? "  ·  " : "",
                        t.first_time ? format_log_time(*t.first_time).c_str() : "");
    if (clicked) open_log_focused(state, s.first_error->first_log_id, LogFocus{{}, {}, t.first_line});
  } else {
    ImGui::TextDisabled("none: no error lines in the logs");
  }

  for (const std::string& n : triage_->notices) ImGui::TextColored(level_colour(patterns::LogLevel::Warning), "%s", n.c_str());

  // The errors per minute, with the time range it covers.
  if (!errors_per_minute_.empty()) {
    const std::int64_t per = minutes_per_bar(s.per_minute);
    const std::string caption =
        (per == 1 ? std::string("Errors per minute, ") : "Errors per " + std::to_string(per) + " minutes, ") +
        format_log_time(s.per_minute.front().minute * 60) + " to " + clock_of(s.per_minute.back().minute * 60 + 59) + " UTC";
    ImGui::Spacing();
    ImGui::TextUnformatted(caption.c_str());
    ImGui::PushStyleColor(ImGuiCol_PlotHistogram, level_colour(patterns::LogLevel::Error));
    ImGui::PlotHistogram("##errors_per_minute", errors_per_minute_.data(), static_cast<int>(errors_per_minute_.size()), 0,
                         nullptr, 0.0f, FLT_MAX, ImVec2(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 4.0f));
    ImGui::PopStyleColor();
    probe::record("triage.chart");
  }

  const float em = ImGui::GetFontSize();
  auto table = [&](const char* id, const std::vector<patterns::RankedPattern>& rows, const std::string& probe_prefix) {
    if (!ImGui::BeginTable(id, 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit))
      return;
    ImGui::TableSetupColumn("Level", 0, em * 4.3f);
    ImGui::TableSetupColumn("Lines", 0, em * 3.0f);
    ImGui::TableSetupColumn("Pattern", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("First seen", 0, em * 4.5f);
    ImGui::TableSetupColumn("Log", 0, em * 6.0f);
    ImGui::TableHeadersRow();
    ImVec4 hovered = ImGui::GetStyleColorVec4(ImGuiCol_HeaderHovered);  // faint: the level colours stay readable
    hovered.w *= 0.35f;
    ImGui::PushStyleColor(ImGuiCol_HeaderHovered, hovered);
    for (std::size_t i = 0; i < rows.size() && i < kTopPatterns; ++i) pattern_row(state, rows[i], probe_prefix + rows[i].pattern.text);
    ImGui::PopStyleColor();
    ImGui::EndTable();
  };

  ImGui::Spacing();
  ImGui::Text("Warning and error patterns");
  ImGui::SameLine();
  ImGui::TextDisabled("(%zu, %lld lines)", s.problems.size(), static_cast<long long>(s.problem_lines));
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Ranked by severity, lines, bursts and how early they start; the first ten are shown");
  if (s.problems.empty())
    ImGui::TextDisabled("No warning or error lines.");
  else
    table("##problems", s.problems, "triage.pattern:");

  ImGui::Spacing();
  ImGui::Text("New since the start");
  if (s.new_since_start.empty())
    ImGui::TextDisabled(s.start_time ? "Every pattern was there before the start." : "No start time, so nothing to compare.");
  else
    table("##new_since_start", s.new_since_start, "triage.new:");

  ImGui::Spacing();
  if (ImGui::SmallButton("Every pattern of the incident")) state.open_tab({PatternsView::kKind, incident_id});
  probe::record("triage.all_patterns");
  ImGui::SameLine();
  ImGui::TextDisabled("%lld patterns over %zu log%s", static_cast<long long>(s.patterns), triage_->logs.size(),
                      triage_->logs.size() == 1 ? "" : "s");
}

}  // namespace tftsr::gui
