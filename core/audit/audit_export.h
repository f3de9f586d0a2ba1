#pragma once
// Audit entries as CSV (RFC 4180) or JSON text, for export. Pure functions, no I/O.
#include <string>
#include <vector>

#include "core/model/audit_entry.h"

namespace tftsr {

std::string audit_to_csv(const std::vector<AuditEntry>& entries);
std::string audit_to_json(const std::vector<AuditEntry>& entries);

}  // namespace tftsr
