#pragma once
// SQL for timeline_events.
#include <string>
#include <vector>

#include "core/store/records.h"

namespace tftsr {

class Database;

class TimelineRepository {
 public:
  explicit TimelineRepository(Database& db) : db_(db) {}
  void insert(const TimelineEvent& event);
  std::vector<TimelineEvent> for_issue(const std::string& issue_id);

 private:
  Database& db_;
};

}  // namespace tftsr
