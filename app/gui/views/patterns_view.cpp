#include "app/gui/views/patterns_view.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cctype>
#include <ctime>
#include <limits>
#include <map>

#include "app/gui/job_progress.h"
#include "app/gui/short_title.h"
#include "app/gui/theme.h"
#include "app/gui/ui_probe.h"
#include "app/gui/views/log_view.h"

namespace tftsr::gui {

namespace {
std::string lowered(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

double job_fraction(const WorkerPool& pool, JobId id, std::string* note) {
  for (const JobStatus& j : pool.jobs())
    if (j.id == id) {
      if (note) *note = j.note;
      return j.progress;
    }
  return -1.0;
}

std::string seen_text(const std::optional<std::int64_t>& time, std::int64_t line, std::optional<std::int64_t> day_of) {
  if (time) return short_log_time(*time, day_of);
  return "line " + std::to_string(line);
}

bool less_by(const PatternRow& a, const PatternRow& b, int column) {
  const patterns::PatternTemplate& x = a.pattern;
  const patterns::PatternTemplate& y = b.pattern;
  // Untimed patterns sort by line, after the timed ones.
  auto seen = [](const std::optional<std::int64_t>& t, std::int64_t line) {
    return std::pair(t.value_or(std::numeric_limits<std::int64_t>::max()), line);
  };
  switch (column) {
    case 1: return x.level < y.level;
    case 2: return x.text < y.text;
    case 3: return seen(x.first_time, x.first_line) < seen(y.first_time, y.first_line);
    case 4: return seen(x.last_time, x.last_line) < seen(y.last_time, y.last_line);
    case 5: return a.log_ids.size() < b.log_ids.size();
    default: return x.count < y.count;
  }
}
}  // namespace

std::string format_log_time(std::int64_t seconds) {
  const std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  return buf;
}

std::string short_log_time(std::int64_t seconds, std::optional<std::int64_t> day_of) {
  const std::string full = format_log_time(seconds);
  if (day_of && format_log_time(*day_of).substr(0, 10) == full.substr(0, 10)) return full.substr(11);
  return full.substr(0, 16);
}

MinedPatterns merge_pattern_reports(const std::vector<std::pair<std::string, patterns::PatternReport>>& reports,
                                    std::size_t sparkline_buckets) {
  MinedPatterns out;
  std::map<std::string, std::size_t> by_id;
  for (const auto& [log_id, report] : reports) {
    out.lines += report.line_count;
    for (const std::string& n : report.notices) out.notices.push_back(n);
    for (const patterns::PatternTemplate& t : report.templates) {
      auto [it, added] = by_id.try_emplace(t.id, out.rows.size());
      if (added) {
        out.rows.push_back(PatternRow{t, {log_id}, {}});
        continue;
      }
      PatternRow& row = out.rows[it->second];
      patterns::PatternTemplate& p = row.pattern;
      if (std::find(row.log_ids.begin(), row.log_ids.end(), log_id) == row.log_ids.end()) {
        // The first occurrence moves to this log when it is earlier on the clock.
        if (t.first_time && (!p.first_time || *t.first_time < *p.first_time)) {
          row.log_ids.insert(row.log_ids.begin(), log_id);
          p.first_line = t.first_line;
        } else {
          row.log_ids.push_back(log_id);
        }
      }
      p.count += t.count;
      p.level = std::max(p.level, t.level);
      if (t.first_time && (!p.first_time || *t.first_time < *p.first_time)) p.first_time = t.first_time;
      if (t.last_time && (!p.last_time || *t.last_time > *p.last_time)) {
        p.last_time = t.last_time;
        p.last_line = t.last_line;
      }
      std::map<std::int64_t, std::uint32_t> minutes;
      for (const auto& m : p.per_minute) minutes[m.minute] += m.count;
      for (const auto& m : t.per_minute) minutes[m.minute] += m.count;
      p.per_minute.clear();
      for (const auto& [minute, count] : minutes) p.per_minute.push_back({minute, count});
    }
  }
  // One time axis for every sparkline, so that they compare.
  std::int64_t lo = std::numeric_limits<std::int64_t>::max(), hi = std::numeric_limits<std::int64_t>::min();
  for (const PatternRow& row : out.rows)
    if (!row.pattern.per_minute.empty()) {
      lo = std::min(lo, row.pattern.per_minute.front().minute);
      hi = std::max(hi, row.pattern.per_minute.back().minute);
    }
  if (lo <= hi && sparkline_buckets > 0) {
    const std::int64_t span = hi - lo + 1;
    const std::size_t buckets = static_cast<std::size_t>(std::min<std::int64_t>(span, static_cast<std::int64_t>(sparkline_buckets)));
    for (PatternRow& row : out.rows) {
      if (row.pattern.per_minute.empty()) continue;
      row.sparkline.assign(buckets, 0.0f);
      for (const auto& m : row.pattern.per_minute)
        row.sparkline[static_cast<std::size_t>((m.minute - lo) * static_cast<std::int64_t>(buckets) / span)] +=
            static_cast<float>(m.count);
    }
  }
  std::stable_sort(out.rows.begin(), out.rows.end(),
                   [](const PatternRow& a, const PatternRow& b) { return a.pattern.count > b.pattern.count; });
  return out;
}

void open_log_focused(AppState& state, const std::string& log_id, LogFocus focus) {
  state.requests.log_focus[log_id] = std::move(focus);
  state.open_tab({LogView::kKind, log_id});
}

PatternsView::PatternsView(AppState& state, const std::string& id) : id_(id) {
  if (!state.triage) return;
  try {
    const LogFile log = state.triage->logs().get(id);
    name_ = log.file_name;
    logs_.emplace_back(log.id, log.file_name);
    return;
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::NotFound) {
      error_ = e.what();
      return;
    }
  }
  try {
    const IncidentDetail detail = state.triage->incidents().get(id);
    incident_id_ = id;
    name_ = detail.incident.title;
    for (const LogFile& log : state.triage->logs().list(id)) logs_.emplace_back(log.id, log.file_name);
  } catch (const Error& e) {
    error_ = e.what();
  }
}

std::string PatternsView::title(const AppState&) const {
  std::string name = name_.empty() ? std::string("?") : name_;
  name = short_title(name, 28);
  return "Patterns: " + name;
}

bool PatternsView::shows(const std::string& id) const {
  if (id == id_) return true;
  for (const auto& [log_id, name] : logs_)
    if (log_id == id) return true;
  return false;
}

void PatternsView::start(AppState& state) {
  started_ = true;
  if (!error_.empty()) return;
  Triage* triage = state.triage.get();
  job_ = jobs_.run(
      state.pool, "Mining the patterns of " + name_,
      [triage, logs = logs_](JobContext& ctx) {
        std::vector<std::pair<std::string, patterns::PatternReport>> reports;
        for (std::size_t i = 0; i < logs.size(); ++i) {
          Progress p;
          const double base = static_cast<double>(i), n = static_cast<double>(logs.size());
          p.report = [&ctx, base, n, name = logs[i].second](double f, std::string_view) {
            ctx.report((base + f) / n, "mining " + name);
          };
          p.cancelled = [&ctx] { return ctx.cancelled(); };
          // The patterns kept when the log was first mined; only a log never mined is read now.
          reports.emplace_back(logs[i].first, triage->patterns().stored_report(logs[i].first, p));
        }
        return merge_pattern_reports(reports);
      },
      [this](MinedPatterns mined) {
        for (const PatternRow& r : mined.rows)
          if (r.pattern.first_time && (!first_time_ || *r.pattern.first_time < *first_time_)) first_time_ = r.pattern.first_time;
        mined_ = std::move(mined);
        filtered_for_ = "\x01";  // refilter
        sort_dirty_ = true;
      },
      [this](const JobFailure& f) {
        if (f.kind != ErrorKind::Cancelled) error_ = f.message;
      });
}

void PatternsView::refilter() {
  shown_.clear();
  const std::string needle = lowered(filter_text_);
  const auto& rows = mined_->rows;
  for (std::size_t i = 0; i < rows.size(); ++i)
    if (needle.empty() || lowered(rows[i].pattern.text).find(needle) != std::string::npos ||
        needle == lowered(patterns::log_level_name(rows[i].pattern.level)))
      shown_.push_back(i);
  filtered_for_ = filter_text_;
  sort_dirty_ = true;
}

void PatternsView::draw(AppState& state) {
  if (!state.triage) return;
  if (!started_) start(state);
  ImGui::PushID(id_.c_str());
  if (!error_.empty()) {
    ImGui::TextColored(level_colour(patterns::LogLevel::Error), "%s", error_.c_str());
    ImGui::PopID();
    return;
  }
  if (!mined_) {
    std::string note;
    const double f = job_fraction(state.pool, job_, &note);
    ImGui::TextDisabled("Mining the patterns of %s…", name_.c_str());
    const std::string overlay = std::to_string(static_cast<int>(std::max(0.0, f) * 100.0)) + "%  " + note;
    ImGui::ProgressBar(f < 0 ? 0.0f : static_cast<float>(f), ImVec2(ImGui::GetFontSize() * 20.0f, 0), overlay.c_str());
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) {
      jobs_.cancel();
      error_ = "Mining was cancelled.";
    }
    probe::record("patterns.cancel");
    ImGui::PopID();
    return;
  }
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 18.0f);
  ImGui::InputTextWithHint("##filter", "Filter patterns (text or level)", &filter_text_);
  probe::record("patterns.filter");
  if (filter_text_ != filtered_for_) refilter();
  ImGui::SameLine();
  ImGui::TextDisabled("%zu of %zu patterns  ·  %lld lines%s%s%s", shown_.size(), mined_->rows.size(),
                      static_cast<long long>(mined_->lines),
                      incident_id_ ? ("  ·  " + std::to_string(logs_.size()) + " logs").c_str() : "",
                      first_time_ ? "  ·  from " : "", first_time_ ? (format_log_time(*first_time_) + " UTC").c_str() : "");
  for (const std::string& n : mined_->notices) ImGui::TextColored(level_colour(patterns::LogLevel::Warning), "%s", n.c_str());
  if (logs_.empty()) {
    ImGui::TextDisabled("No logs yet.");
  } else {
    ImGui::TextDisabled("Click a pattern to see its lines in the log.");
    draw_table(state);
  }
  ImGui::PopID();
}

void PatternsView::draw_table(AppState& state) {
  const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                ImGuiTableFlags_ScrollY | ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingFixedFit;
  const int columns = incident_id_ ? 7 : 6;
  if (!ImGui::BeginTable("##patterns", columns, flags)) return;
  const float em = ImGui::GetFontSize();
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Count", ImGuiTableColumnFlags_DefaultSort | ImGuiTableColumnFlags_PreferSortDescending,
                          em * 3.5f, static_cast<ImGuiID>(Column::Count));
  ImGui::TableSetupColumn("Level", 0, em * 4.3f, static_cast<ImGuiID>(Column::Level));
  ImGui::TableSetupColumn("Trend", ImGuiTableColumnFlags_NoSort, em * 5.0f, static_cast<ImGuiID>(Column::Trend));
  ImGui::TableSetupColumn("Pattern", ImGuiTableColumnFlags_WidthStretch, 0.0f, static_cast<ImGuiID>(Column::Template));
  ImGui::TableSetupColumn("First seen", 0, em * 5.5f, static_cast<ImGuiID>(Column::FirstSeen));
  ImGui::TableSetupColumn("Last seen", 0, em * 5.5f, static_cast<ImGuiID>(Column::LastSeen));
  if (incident_id_) ImGui::TableSetupColumn("Logs", 0, em * 3.0f, static_cast<ImGuiID>(Column::Logs));
  // The header row by hand (as TableHeadersRow draws it) so that each header is recorded.
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  for (int c = 0; c < columns; ++c) {
    if (!ImGui::TableSetColumnIndex(c)) continue;
    const char* name = ImGui::TableGetColumnName(c);
    ImGui::PushID(c);
    ImGui::TableHeader(name);
    ImGui::PopID();
    probe::record(std::string("patterns.sort:") + name);
  }

  if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs()) {
    if (specs->SpecsDirty && specs->SpecsCount > 0) {
      sort_column_ = static_cast<int>(specs->Specs[0].ColumnUserID);
      sort_ascending_ = specs->Specs[0].SortDirection == ImGuiSortDirection_Ascending;
      sort_dirty_ = true;
      specs->SpecsDirty = false;
    }
  }
  if (sort_dirty_) {
    const auto& rows = mined_->rows;
    const int column = sort_column_;
    const bool ascending = sort_ascending_;
    std::stable_sort(shown_.begin(), shown_.end(), [&](std::size_t a, std::size_t b) {
      return ascending ? less_by(rows[a], rows[b], column) : less_by(rows[b], rows[a], column);
    });
    sort_dirty_ = false;
  }

  // A faint row highlight, so that the level colour of the text stays readable under the mouse.
  ImVec4 hovered = ImGui::GetStyleColorVec4(ImGuiCol_HeaderHovered);
  hovered.w *= 0.35f;
  ImGui::PushStyleColor(ImGuiCol_HeaderHovered, hovered);
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(shown_.size()));
  while (clipper.Step()) {
    for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
      const PatternRow& row = mined_->rows[shown_[static_cast<std::size_t>(r)]];
      const patterns::PatternTemplate& p = row.pattern;
      ImGui::PushID(p.id.c_str());
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::Text("%lld", static_cast<long long>(p.count));
      ImGui::TableNextColumn();
      const std::string_view level = patterns::log_level_name(p.level);
      ImGui::TextColored(level_colour(p.level), "%.*s", static_cast<int>(level.size()), level.data());
      ImGui::TableNextColumn();
      if (!row.sparkline.empty()) {
        ImGui::PushStyleColor(ImGuiCol_PlotHistogram, level_colour(p.level));
        ImGui::PlotHistogram("##trend", row.sparkline.data(), static_cast<int>(row.sparkline.size()), 0, nullptr, 0.0f,
                             FLT_MAX, ImVec2(ImGui::GetContentRegionAvail().x, ImGui::GetTextLineHeight()));
        ImGui::PopStyleColor();
      }
      ImGui::TableNextColumn();
      ImGui::PushStyleColor(ImGuiCol_Text, level_colour(p.level));
      const bool clicked = ImGui::Selectable(p.text.c_str(), false, ImGuiSelectableFlags_SpanAllColumns);
      ImGui::PopStyleColor();
      probe::record("patterns.row:" + p.text);
      if (ImGui::IsItemHovered()) {
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 40.0f);
        ImGui::TextUnformatted(p.text.c_str());
        ImGui::PopTextWrapPos();
        ImGui::TextDisabled("Lines %lld to %lld  ·  click to show its lines", static_cast<long long>(p.first_line),
                            static_cast<long long>(p.last_line));
        if (p.first_time && p.last_time)
          ImGui::TextDisabled("%s to %s UTC", format_log_time(*p.first_time).c_str(), format_log_time(*p.last_time).c_str());
        if (incident_id_)
          for (const std::string& log_id : row.log_ids)
            for (const auto& [id, name] : logs_)
              if (id == log_id) ImGui::BulletText("%s", name.c_str());
        ImGui::EndTooltip();
      }
      if (clicked && !row.log_ids.empty())
        open_log_focused(state, row.log_ids.front(), LogFocus{p.id, p.text, p.first_line});
      ImGui::TableNextColumn();
      ImGui::TextDisabled("%s", seen_text(p.first_time, p.first_line, first_time_).c_str());
      ImGui::TableNextColumn();
      ImGui::TextDisabled("%s", seen_text(p.last_time, p.last_line, first_time_).c_str());
      if (incident_id_) {
        ImGui::TableNextColumn();
        ImGui::Text("%zu", row.log_ids.size());
      }
      ImGui::PopID();
    }
  }
  ImGui::PopStyleColor();
  ImGui::EndTable();
}

}  // namespace tftsr::gui
