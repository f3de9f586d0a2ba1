#include "core/store/records_json.h"

#include <nlohmann/json.hpp>

namespace tftsr {

namespace {
nlohmann::json opt(const std::optional<std::string>& s) { return s ? nlohmann::json(*s) : nlohmann::json(nullptr); }
}  // namespace

void to_json(nlohmann::json& j, const Incident& v) {
  j = {{"id", v.id},
       {"title", v.title},
       {"description", opt(v.description)},
       {"severity", v.severity},
       {"status", v.status},
       {"category", opt(v.category)},
       {"source", opt(v.source)},
       {"created_at", v.created_at},
       {"updated_at", v.updated_at},
       {"resolved_at", opt(v.resolved_at)},
       {"assigned_to", opt(v.assigned_to)},
       {"tags", opt(v.tags)}};
}

void to_json(nlohmann::json& j, const ResolutionStep& v) {
  j = {{"id", v.id},         {"issue_id", v.issue_id},       {"step_order", v.step_order},
       {"why_question", v.why_question}, {"answer", opt(v.answer)}, {"evidence", opt(v.evidence)},
       {"created_at", v.created_at}};
}

void to_json(nlohmann::json& j, const TimelineEvent& v) {
  j = {{"id", v.id},           {"issue_id", v.issue_id},     {"event_type", v.event_type},
       {"summary", v.summary}, {"details", opt(v.details)}, {"created_at", v.created_at}};
}

void to_json(nlohmann::json& j, const AuditEntry& v) {
  j = {{"id", v.id},
       {"timestamp", v.timestamp},
       {"action", v.action},
       {"entity_type", v.entity_type},
       {"entity_id", v.entity_id},
       {"user_id", v.user_id},
       {"details", opt(v.details)},
       {"seq", v.seq},
       {"prev_hash", v.prev_hash},
       {"entry_hash", v.entry_hash}};
}

void to_json(nlohmann::json& j, const Setting& v) {
  j = {{"key", v.key}, {"value", v.value}, {"updated_at", v.updated_at}};
}

void to_json(nlohmann::json& j, const LogFile& v) {
  auto opt_int = [](const std::optional<std::int64_t>& i) { return i ? nlohmann::json(*i) : nlohmann::json(nullptr); };
  j = {{"id", v.id},
       {"issue_id", v.issue_id},
       {"file_name", v.file_name},
       {"file_path", v.file_path},
       {"file_size", opt_int(v.file_size)},
       {"mime_type", opt(v.mime_type)},
       {"content_hash", opt(v.content_hash)},
       {"uploaded_at", v.uploaded_at},
       {"redacted", v.redacted ? 1 : 0},
       {"text_size", v.text_size},
       {"line_count", v.line_count},
       {"encoding", v.encoding},
       {"notes", opt(v.notes)},
       {"scanned_at", opt(v.scanned_at)},
       {"redacted_size", opt_int(v.redacted_size)},
       {"redacted_sha256", opt(v.redacted_sha256)}};
}

void to_json(nlohmann::json& j, const PiiSpan& v) {
  j = {{"id", v.id},
       {"log_file_id", v.log_file_id},
       {"pii_type", v.pii_type},
       {"start_offset", v.start_offset},
       {"end_offset", v.end_offset},
       {"original_value", v.original_value},
       {"replacement", v.replacement},
       {"action", v.action}};
}

void to_json(nlohmann::json& j, const IncidentDetail& v) {
  to_json(j, v.incident);
  j["resolution_steps"] = v.resolution_steps;
  j["timeline"] = v.timeline;
}

}  // namespace tftsr
