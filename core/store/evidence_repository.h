#pragma once
// SQL for step_evidence, joined with the file names it points at.
#include <optional>
#include <string>
#include <vector>

#include "core/model/evidence_link.h"

namespace tftsr {

class Database;

class EvidenceRepository {
 public:
  explicit EvidenceRepository(Database& db) : db_(db) {}
  void insert(const EvidenceLink& link);
  std::vector<EvidenceLink> for_step(const std::string& step_id);
  std::vector<EvidenceLink> for_issue(const std::string& issue_id);  // in step order
  std::optional<EvidenceLink> find(const std::string& id);
  void remove(const std::string& id);

 private:
  Database& db_;
};

}  // namespace tftsr
