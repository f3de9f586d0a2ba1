#pragma once
// The RCA and the blameless post-mortem, written offline from the incident's facts and the
// templates in assets/templates/. A section with nothing to show says so in words.
#include <string>

#include "core/docs/incident_facts.h"

namespace tftsr::docs {

// generated_at: "YYYY-MM-DD HH:MM:SS" UTC, printed in the document.
std::string generate_rca(const IncidentFacts& facts, const std::string& generated_at);
std::string generate_postmortem(const IncidentFacts& facts, const std::string& generated_at);

// "RCA: <incident title>" / "Post-mortem: <incident title>".
std::string document_title(const std::string& doc_type, const std::string& incident_title);

}  // namespace tftsr::docs
