#pragma once
// The record of what happened: timeline events on an incident and entries of the audit log. Each
// write joins the caller's transaction, so the change and its record land together or not at all.
#include <optional>
#include <string>

#include "core/model/audit_entry.h"
#include "core/model/incident.h"

namespace tftsr {

class Database;

class Journal {
 public:
  explicit Journal(Database& db) : db_(db) {}

  TimelineEvent event(const std::string& incident_id, const std::string& type, const std::string& summary,
                      const std::optional<std::string>& details_json = std::nullopt);
  AuditEntry audit(const std::string& action, const std::string& entity_type, const std::string& entity_id,
                   const std::optional<std::string>& details_json = std::nullopt);

 private:
  Database& db_;
};

}  // namespace tftsr
