#pragma once
// The append-only, hash-chained audit log. Each entry's hash covers its own fields and the hash
// of the entry before it, so an edit or a removal anywhere breaks the chain from that point on.
// Triggers in the schema refuse UPDATE and DELETE; verify() catches what was done around them.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/model/audit_entry.h"

namespace tftsr {

class Database;

class AuditLog {
 public:
  explicit AuditLog(Database& db) : db_(db) {}

  // Appends one entry. Call inside the transaction of the change it records, so both land or
  // neither does.
  AuditEntry append(const std::string& action, const std::string& entity_type, const std::string& entity_id,
                    const std::optional<std::string>& details_json);
  std::vector<AuditEntry> list(const AuditFilter& filter);
  AuditVerification verify();

  static std::string compute_hash(const AuditEntry& entry);
  static constexpr const char* kGenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

 private:
  Database& db_;
};

}  // namespace tftsr
