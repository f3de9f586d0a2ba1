#pragma once
// Everything the documents are generated from, read in one go under the caller's lock.
#include <optional>
#include <string>
#include <vector>

#include "core/model/evidence_link.h"
#include "core/model/image.h"
#include "core/model/incident.h"
#include "core/model/log_file.h"

namespace tftsr {

class Database;

namespace docs {

struct IncidentFacts {
  Incident incident;
  std::optional<std::string> domain_name;  // shown to people; filled by the caller
  std::vector<ResolutionStep> steps;  // in step order
  std::vector<EvidenceLink> evidence;  // links of the steps, in step order
  std::optional<std::string> root_cause;  // as recorded with the 5 Whys (incident_whys)
  std::vector<LogFile> logs;
  std::vector<ImageAttachment> images;
  std::vector<TimelineEvent> timeline;  // oldest first
};

// Error(NotFound) if there is no such incident.
IncidentFacts read_incident_facts(Database& db, const std::string& incident_id);

}  // namespace docs
}  // namespace tftsr
