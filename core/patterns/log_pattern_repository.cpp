#include "core/patterns/log_pattern_repository.h"

#include <nlohmann/json.hpp>

#include "core/store/database.h"

namespace tftsr::patterns {

namespace {

LogLevel level_from_name(const std::string& name) {
  if (name.empty()) return LogLevel::Unknown;
  return parse_log_level(name).value_or(LogLevel::Unknown);
}

std::vector<MinuteCount> minutes_from_json(const std::optional<std::string>& text) {
  std::vector<MinuteCount> out;
  if (!text) return out;
  const auto json = nlohmann::json::parse(*text, nullptr, false);
  if (!json.is_array()) return out;
  for (const auto& pair : json) {
    if (pair.is_array() && pair.size() == 2 && pair[0].is_number_integer() && pair[1].is_number_integer())
      out.push_back({pair[0].get<std::int64_t>(), pair[1].get<std::uint32_t>()});
  }
  return out;
}

std::vector<ProblemMinute> problem_minutes_from_json(const std::optional<std::string>& text) {
  std::vector<ProblemMinute> out;
  if (!text) return out;
  const auto json = nlohmann::json::parse(*text, nullptr, false);
  if (!json.is_array()) return out;
  for (const auto& m : json) {
    if (m.is_array() && m.size() == 3 && m[0].is_number_integer() && m[1].is_number_integer() && m[2].is_number_integer())
      out.push_back({m[0].get<std::int64_t>(), m[1].get<std::uint32_t>(), m[2].get<std::uint32_t>()});
  }
  return out;
}

std::string level_counts_json(const PatternTemplate& t) {
  nlohmann::json counts = nlohmann::json::object();
  for (std::size_t l = 0; l < kLogLevelCount; ++l) {
    if (!t.level_counts[l]) continue;
    const auto name = log_level_name(static_cast<LogLevel>(l));
    counts[name.empty() ? std::string("UNKNOWN") : std::string(name)] = t.level_counts[l];
  }
  return counts.dump();
}

void level_counts_from_json(const std::optional<std::string>& text, PatternTemplate& t) {
  if (!text) return;
  const auto json = nlohmann::json::parse(*text, nullptr, false);
  if (!json.is_object()) return;
  for (const auto& [name, n] : json.items()) {
    if (!n.is_number_integer()) continue;
    const LogLevel l = name == "UNKNOWN" ? LogLevel::Unknown : level_from_name(name);
    t.level_counts[static_cast<std::size_t>(l)] += n.get<std::int64_t>();
  }
}

void bind_optional(Statement& st, int column, const std::optional<std::int64_t>& value) {
  if (value) st.bind(column, *value);
  else st.bind_null(column);
}

}  // namespace

bool LogPatternRepository::is_mined(const std::string& log_id) {
  auto st = db_.prepare("SELECT 1 FROM log_pattern_runs WHERE log_file_id = ?");
  st.bind(1, log_id);
  return st.step();
}

void LogPatternRepository::store(const std::string& log_id, const PatternReport& report) {
  db_.prepare("DELETE FROM log_pattern_runs WHERE log_file_id = ?").bind(1, log_id).run();
  auto run = db_.prepare(
      "INSERT INTO log_pattern_runs (log_file_id, mined_at, line_count, template_count, notices) VALUES (?, ?, ?, ?, ?)");
  run.bind(1, log_id).bind(2, utc_now_text()).bind(3, report.line_count).bind(4, static_cast<std::int64_t>(report.templates.size()));
  if (report.notices.empty()) {
    run.bind_null(5);
  } else {
    run.bind(5, nlohmann::json(report.notices).dump());
  }
  run.run();
  auto insert = db_.prepare(
      "INSERT INTO log_patterns (log_file_id, template_id, template_text, level, line_count, first_line, last_line, "
      "first_time, last_time, per_minute, level_counts, problem_lines, first_problem_line, first_problem_time, "
      "first_error_line, first_error_time, problem_per_minute) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  for (const auto& t : report.templates) {
    insert.reset();
    insert.bind(1, log_id).bind(2, t.id).bind(3, t.text).bind(4, std::string(log_level_name(t.level)));
    insert.bind(5, t.count).bind(6, t.first_line).bind(7, t.last_line);
    if (t.first_time) insert.bind(8, *t.first_time); else insert.bind_null(8);
    if (t.last_time) insert.bind(9, *t.last_time); else insert.bind_null(9);
    if (t.level >= LogLevel::Warning && !t.per_minute.empty()) {
      nlohmann::json minutes = nlohmann::json::array();
      for (const auto& m : t.per_minute) minutes.push_back({m.minute, m.count});
      insert.bind(10, minutes.dump());
    } else {
      insert.bind_null(10);
    }
    insert.bind(11, level_counts_json(t)).bind(12, t.problem_lines());
    bind_optional(insert, 13, t.first_problem_line);
    bind_optional(insert, 14, t.first_problem_time);
    bind_optional(insert, 15, t.first_error_line);
    bind_optional(insert, 16, t.first_error_time);
    if (t.problem_minutes.empty()) {
      insert.bind_null(17);
    } else {
      nlohmann::json minutes = nlohmann::json::array();
      for (const auto& m : t.problem_minutes) minutes.push_back({m.minute, m.warnings, m.errors});
      insert.bind(17, minutes.dump());
    }
    insert.run();
  }
}

namespace {

constexpr const char* kPatternColumns =
    "p.log_file_id, p.template_id, p.template_text, p.level, p.line_count, p.first_line, p.last_line, p.first_time, "
    "p.last_time, p.per_minute, p.level_counts, p.first_problem_line, p.first_problem_time, p.first_error_line, "
    "p.first_error_time, p.problem_per_minute";

std::optional<std::int64_t> optional_integer(const Statement& st, int column) {
  if (st.is_null(column)) return std::nullopt;
  return st.integer(column);
}

StoredPattern read_pattern(const Statement& st) {
  StoredPattern s;
  s.log_id = st.text(0);
  auto& t = s.pattern;
  t.id = st.text(1);
  t.text = st.text(2);
  t.level = level_from_name(st.text(3));
  t.count = st.integer(4);
  t.first_line = st.integer(5);
  t.last_line = st.integer(6);
  if (!st.is_null(7)) t.first_time = st.integer(7);
  if (!st.is_null(8)) t.last_time = st.integer(8);
  t.per_minute = minutes_from_json(st.optional_text(9));
  level_counts_from_json(st.optional_text(10), t);
  t.first_problem_line = optional_integer(st, 11);
  t.first_problem_time = optional_integer(st, 12);
  t.first_error_line = optional_integer(st, 13);
  t.first_error_time = optional_integer(st, 14);
  t.problem_minutes = problem_minutes_from_json(st.optional_text(15));
  return s;
}

}  // namespace

PatternReport LogPatternRepository::report_of_log(const std::string& log_id) {
  PatternReport report;
  {
    auto run = db_.prepare("SELECT line_count, notices FROM log_pattern_runs WHERE log_file_id = ?");
    run.bind(1, log_id);
    if (!run.step()) return report;
    report.line_count = run.integer(0);
    if (const auto notices = run.optional_text(1)) {
      const auto json = nlohmann::json::parse(*notices, nullptr, false);
      if (json.is_array())
        for (const auto& n : json)
          if (n.is_string()) report.notices.push_back(n.get<std::string>());
    }
  }
  auto st = db_.prepare(std::string("SELECT ") + kPatternColumns +
                        " FROM log_patterns p WHERE p.log_file_id = ? ORDER BY p.line_count DESC, p.first_line");
  st.bind(1, log_id);
  while (st.step()) report.templates.push_back(read_pattern(st).pattern);
  return report;
}

std::vector<StoredPattern> LogPatternRepository::of_incident(const std::string& incident_id) {
  auto st = db_.prepare(std::string("SELECT ") + kPatternColumns +
                        " FROM log_patterns p JOIN log_files l ON l.id = p.log_file_id "
                        "WHERE l.issue_id = ? ORDER BY p.line_count DESC, p.log_file_id, p.first_line");
  st.bind(1, incident_id);
  std::vector<StoredPattern> out;
  while (st.step()) out.push_back(read_pattern(st));
  return out;
}

std::vector<std::string> LogPatternRepository::notices_of_incident(const std::string& incident_id) {
  auto st = db_.prepare(
      "SELECT r.notices FROM log_pattern_runs r JOIN log_files l ON l.id = r.log_file_id "
      "WHERE l.issue_id = ? AND r.notices IS NOT NULL");
  st.bind(1, incident_id);
  std::vector<std::string> out;
  while (st.step()) {
    const auto json = nlohmann::json::parse(st.text(0), nullptr, false);
    if (!json.is_array()) continue;
    for (const auto& n : json)
      if (n.is_string()) out.push_back(n.get<std::string>());
  }
  return out;
}

std::map<std::string, std::set<std::string>> LogPatternRepository::problem_patterns_by_incident() {
  auto st = db_.prepare(
      "SELECT l.issue_id, p.template_id FROM log_patterns p JOIN log_files l ON l.id = p.log_file_id "
      "WHERE p.problem_lines > 0");
  std::map<std::string, std::set<std::string>> out;
  while (st.step()) out[st.text(0)].insert(st.text(1));
  return out;
}

}  // namespace tftsr::patterns
