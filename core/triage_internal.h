#pragma once
// Helpers shared by the files that implement Triage (triage.cpp, triage_logs.cpp,
// triage_images.cpp). Not for use outside them: callers use the façade.
#include <mutex>
#include <optional>
#include <string>

#include "core/store/records.h"

namespace tftsr {

class Database;

using TriageLock = std::lock_guard<std::recursive_mutex>;

// Adds an event to an incident's timeline, inside the caller's transaction.
TimelineEvent add_event(Database& db, const std::string& issue_id, const std::string& type, const std::string& summary,
                        const std::optional<std::string>& details = std::nullopt);
// The incident, or Error(NotFound).
Issue require_issue(Database& db, const std::string& id);

}  // namespace tftsr
