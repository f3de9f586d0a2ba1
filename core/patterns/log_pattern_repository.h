#pragma once
// The mined patterns of each log in the store (migrations 024, 028): written once per log in one
// transaction, read back per incident for the triage summary and across incidents to find the
// earlier ones that share error patterns. Private to core/; callers hold the service lock.
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/patterns/pattern_report.h"

namespace tftsr {

class Database;

namespace patterns {

// A stored template of one log (per_minute only for templates with warnings and worse).
struct StoredPattern {
  std::string log_id;
  PatternTemplate pattern;
};

class LogPatternRepository {
 public:
  explicit LogPatternRepository(Database& db) : db_(db) {}

  bool is_mined(const std::string& log_id);
  // Replaces what is stored for the log; call inside a transaction.
  void store(const std::string& log_id, const PatternReport& report);
  // The stored templates of one log as a report (most frequent first; line_templates empty).
  PatternReport report_of_log(const std::string& log_id);
  // Every stored template of the logs of an incident, most frequent first.
  std::vector<StoredPattern> of_incident(const std::string& incident_id);
  // Notices of the mining of the incident's logs (limits that were hit).
  std::vector<std::string> notices_of_incident(const std::string& incident_id);
  // For each incident with mined logs, the ids of its warning-and-worse templates.
  std::map<std::string, std::set<std::string>> problem_patterns_by_incident();

 private:
  Database& db_;
};

}  // namespace patterns
}  // namespace tftsr
