#include "core/audit/audit_export.h"

#include <nlohmann/json.hpp>

namespace tftsr {

namespace {
// RFC 4180: quote every field, double the quotes inside.
std::string csv_field(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}
}  // namespace

std::string audit_to_csv(const std::vector<AuditEntry>& entries) {
  std::string out = "seq,id,timestamp,action,entity_type,entity_id,user_id,details,prev_hash,entry_hash\r\n";
  for (const AuditEntry& e : entries) {
    out += std::to_string(e.seq) + ',' + csv_field(e.id) + ',' + csv_field(e.timestamp) + ',' + csv_field(e.action) +
           ',' + csv_field(e.entity_type) + ',' + csv_field(e.entity_id) + ',' + csv_field(e.user_id) + ',' +
           csv_field(e.details.value_or("")) + ',' + csv_field(e.prev_hash) + ',' + csv_field(e.entry_hash) + "\r\n";
  }
  return out;
}

std::string audit_to_json(const std::vector<AuditEntry>& entries) {
  auto arr = nlohmann::json::array();
  for (const AuditEntry& e : entries) {
    nlohmann::json details = nullptr;
    if (e.details) {
      details = nlohmann::json::parse(*e.details, nullptr, false);
      if (details.is_discarded()) details = *e.details;
    }
    arr.push_back({{"seq", e.seq},
                   {"id", e.id},
                   {"timestamp", e.timestamp},
                   {"action", e.action},
                   {"entity_type", e.entity_type},
                   {"entity_id", e.entity_id},
                   {"user_id", e.user_id},
                   {"details", details},
                   {"prev_hash", e.prev_hash},
                   {"entry_hash", e.entry_hash}});
  }
  return arr.dump(2) + '\n';
}

}  // namespace tftsr
