#pragma once
// Plain rows of the store, one struct per table, fields named exactly after the columns.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tftsr {

struct Issue {
  std::string id;
  std::string title;
  std::optional<std::string> description;
  std::string severity;  // P1..P4
  std::string status;    // open, investigating, resolved, closed
  std::optional<std::string> category;
  std::optional<std::string> source;
  std::string created_at;  // YYYY-MM-DD HH:MM:SS UTC
  std::string updated_at;
  std::optional<std::string> resolved_at;
  std::optional<std::string> assigned_to;
  std::optional<std::string> tags;  // JSON array as text
};

struct ResolutionStep {
  std::string id;
  std::string issue_id;
  int step_order = 0;  // 1..5
  std::string why_question;
  std::optional<std::string> answer;
  std::optional<std::string> evidence;
  std::string created_at;
};

struct TimelineEvent {
  std::string id;
  std::string issue_id;
  std::string event_type;  // created, status_changed, updated, step_added, step_updated, note, ...
  std::string summary;     // one line for people
  std::optional<std::string> details;  // JSON
  std::string created_at;
};

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

struct Setting {
  std::string key;
  std::string value;
  std::string updated_at;
};

struct LogFile {
  std::string id;
  std::string issue_id;
  std::string file_name;
  std::string file_path;  // where it was imported from; never read again
  std::optional<std::int64_t> file_size;  // bytes of the original file
  std::optional<std::string> mime_type;
  std::optional<std::string> content_hash;  // SHA-256 hex of the original bytes
  std::string uploaded_at;
  bool redacted = false;
  // log_file_details
  std::string original_blob;  // sealed file holding the decoded text
  std::optional<std::string> redacted_blob;
  std::int64_t text_size = 0;  // bytes of the stored UTF-8 text
  std::int64_t line_count = 0;
  std::string encoding;
  std::optional<std::string> notes;
  std::optional<std::string> scanned_at;
  std::optional<std::int64_t> redacted_size;
  std::optional<std::string> redacted_sha256;
};

struct PiiSpan {
  std::string id;
  std::string log_file_id;
  std::string pii_type;
  std::int64_t start_offset = 0;  // bytes into the stored UTF-8 text, half-open
  std::int64_t end_offset = 0;
  std::string original_value;  // cleared once redactions are applied
  std::string replacement;
  std::string action = "redact";  // or "keep"
};

struct IssueDetail {
  Issue issue;
  std::vector<ResolutionStep> resolution_steps;
  std::vector<TimelineEvent> timeline;
};

}  // namespace tftsr
