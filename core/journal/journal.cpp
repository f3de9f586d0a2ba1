#include "core/journal/journal.h"

#include "core/audit/audit_log.h"
#include "core/crypto/uuid.h"
#include "core/store/database.h"
#include "core/store/timeline_repository.h"

namespace tftsr {

TimelineEvent Journal::event(const std::string& incident_id, const std::string& type, const std::string& summary,
                             const std::optional<std::string>& details_json) {
  TimelineEvent e{uuid_v7(), incident_id, type, summary, details_json, utc_now_text()};
  TimelineRepository(db_).insert(e);
  return e;
}

AuditEntry Journal::audit(const std::string& action, const std::string& entity_type, const std::string& entity_id,
                          const std::optional<std::string>& details_json) {
  return AuditLog(db_).append(action, entity_type, entity_id, details_json);
}

}  // namespace tftsr
