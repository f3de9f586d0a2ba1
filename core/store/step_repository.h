#pragma once
// SQL for resolution_steps (the 5-Whys).
#include <optional>
#include <string>
#include <vector>

#include "core/store/records.h"

namespace tftsr {

class Database;

class StepRepository {
 public:
  explicit StepRepository(Database& db) : db_(db) {}
  void insert(const ResolutionStep& step);
  std::optional<ResolutionStep> find(const std::string& id);
  void update(const ResolutionStep& step);
  std::vector<ResolutionStep> for_issue(const std::string& issue_id);
  void set_order(const std::string& id, int step_order);
  void remove(const std::string& id);

 private:
  Database& db_;
};

}  // namespace tftsr
