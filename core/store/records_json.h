#pragma once
// JSON forms of the rows; keys are exactly the column names, NULL columns are JSON null.
#include <nlohmann/json_fwd.hpp>

#include "core/store/records.h"

namespace tftsr {

void to_json(nlohmann::json& j, const Incident& v);
void to_json(nlohmann::json& j, const ResolutionStep& v);
void to_json(nlohmann::json& j, const TimelineEvent& v);
void to_json(nlohmann::json& j, const AuditEntry& v);
void to_json(nlohmann::json& j, const Setting& v);
void to_json(nlohmann::json& j, const LogFile& v);
void to_json(nlohmann::json& j, const PiiSpan& v);
// The incident's columns plus "resolution_steps" and "timeline" arrays.
void to_json(nlohmann::json& j, const IncidentDetail& v);

}  // namespace tftsr
