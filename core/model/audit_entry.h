#pragma once
// Entries of the append-only, hash-chained audit log, and what callers may ask of it.
#include <cstdint>
#include <optional>
#include <string>

namespace tftsr {

// A row of `audit_log`.
struct AuditEntry {
  std::string id;
  std::string timestamp;
  std::string action;
  std::string entity_type;
  std::string entity_id;
  std::string user_id;
  std::optional<std::string> details;  // JSON
  std::int64_t seq = 0;
  std::string prev_hash;
  std::string entry_hash;
};

struct AuditFilter {
  std::optional<std::string> action;
  std::optional<std::string> entity_type;
  std::optional<std::string> entity_id;
  std::optional<std::string> since;  // timestamp, inclusive
  std::optional<std::string> until;  // timestamp, inclusive
  int limit = 100;                   // <= 0: no limit
};

struct AuditVerification {
  bool ok = true;
  std::int64_t entries = 0;
  std::optional<std::string> first_broken_id;  // the first entry whose hash, link or order is wrong
  std::string message;
};

// What audit().export_to() wrote.
struct AuditExport {
  std::int64_t entries = 0;
  std::string sha256;  // of the file written
};

}  // namespace tftsr
