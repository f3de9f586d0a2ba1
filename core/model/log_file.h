#pragma once
// An imported log (its text lives sealed in the content store) and the result of redacting it.
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "core/model/finding.h"

namespace tftsr {

// A row of `log_files` joined with its `log_file_details`.
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

struct RedactionSummary {
  std::string sha256;  // of the redacted text
  std::int64_t size = 0;
  std::map<std::string, std::int64_t> redacted;  // per type
  std::map<std::string, std::int64_t> kept;      // per type
  std::string blob;                              // sealed file holding the redacted text
};

}  // namespace tftsr
