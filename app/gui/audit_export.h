#pragma once
// Turns audit entries into CSV or JSON text for export. Pure functions, no I/O.
#include <string>
#include <vector>

#include "core/store/records.h"

namespace tftsr::gui {

std::string audit_to_csv(const std::vector<AuditEntry>& entries);
std::string audit_to_json(const std::vector<AuditEntry>& entries);
// details JSON indented for reading; text that is not JSON comes back unchanged.
std::string pretty_json(const std::string& text);

}  // namespace tftsr::gui
