#pragma once
// Incidents and what hangs off them: the 5-Whys steps and the timeline. The table is the seed's
// `issues`; fields that mirror one of its columns keep the column's name (so `category` holds the
// incident's domain, see core/domains.h).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tftsr {

inline constexpr const char* kSeverities[] = {"P1", "P2", "P3", "P4"};
inline constexpr const char* kStatuses[] = {"open", "investigating", "resolved", "closed"};

// A row of `issues`.
struct Incident {
  std::string id;
  std::string title;
  std::optional<std::string> description;
  std::string severity;  // P1..P4
  std::string status;    // open, investigating, resolved, closed
  std::optional<std::string> category;  // the domain id
  std::optional<std::string> source;
  std::string created_at;  // YYYY-MM-DD HH:MM:SS UTC
  std::string updated_at;
  std::optional<std::string> resolved_at;
  std::optional<std::string> assigned_to;
  std::optional<std::string> tags;  // JSON array as text
};

// A row of `resolution_steps`.
struct ResolutionStep {
  std::string id;
  std::string issue_id;
  int step_order = 0;  // 1..5
  std::string why_question;
  std::optional<std::string> answer;
  std::optional<std::string> evidence;
  std::string created_at;
};

// A row of `timeline_events`.
struct TimelineEvent {
  std::string id;
  std::string issue_id;
  std::string event_type;  // created, status_changed, updated, step_added, step_updated, note, ...
  std::string summary;     // one line for people
  std::optional<std::string> details;  // JSON
  std::string created_at;
};

struct IncidentDetail {
  Incident incident;
  std::vector<ResolutionStep> resolution_steps;
  std::vector<TimelineEvent> timeline;
};

struct NewIncident {
  std::string title;
  std::string severity;
  std::optional<std::string> category;  // the domain id
  std::optional<std::string> description;
};

// Only the fields that are set change.
struct IncidentPatch {
  std::optional<std::string> title;
  std::optional<std::string> status;
  std::optional<std::string> severity;
  std::optional<std::string> category;  // the domain id
  std::optional<std::string> description;
};

struct StepPatch {
  std::optional<std::string> why_question;
  std::optional<std::string> answer;
  std::optional<std::string> evidence;
};

enum class IncidentSort { UpdatedDesc, CreatedDesc, CreatedAsc, SeverityAsc, TitleAsc };

struct IncidentFilter {
  std::optional<std::string> status;
  std::optional<std::string> severity;
  std::optional<std::string> category;  // the domain id
  std::optional<std::string> text;  // full-text query over title and description
  IncidentSort sort = IncidentSort::UpdatedDesc;
  int limit = 100;  // <= 0: no limit
  int offset = 0;
};

struct DashboardStats {
  std::int64_t open = 0;                  // status open or investigating
  std::int64_t resolved_last_7_days = 0;  // by resolved_at
  std::int64_t open_p1_p2 = 0;
  std::vector<Incident> recent;  // most recently updated
};

}  // namespace tftsr
