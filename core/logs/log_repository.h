#pragma once
// SQL for imported logs: the seed's log_files row with our log_file_details, and the findings of
// the latest scan (pii_spans). The text itself is in the EncryptedFileStore.
#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/logs/found_spans.h"
#include "core/logs/redaction_plan.h"
#include "core/store/encrypted_file_store.h"
#include "core/store/records.h"

namespace tftsr {

class Database;

// Stored text is sealed in chunks of this many bytes.
inline constexpr std::size_t kLogChunkSize = EncryptedFileStore::kChunkSize;

class LogRepository {
 public:
  explicit LogRepository(Database& db) : db_(db) {}

  void insert(const LogFile& log);  // the row and its details
  std::optional<LogFile> find(const std::string& id);
  std::vector<LogFile> for_issue(const std::string& issue_id);
  void set_scanned(const std::string& id, const std::string& when);
  void set_redacted(const std::string& id, const std::string& blob, std::int64_t size, const std::string& sha256);
  // Every sealed file a log row refers to (the rest are leftovers).
  std::set<std::string> all_blobs();
  std::vector<std::string> blobs_of_issue(const std::string& issue_id);

  // Findings.
  // Where the findings with the decision "keep" are (the other decision is the default), ordered
  // by start: what a new scan carries over, without reading every finding's value.
  struct Place {
    std::int64_t start, end;
    std::string type;
  };
  std::vector<Place> kept_places(const std::string& id);
  // Replaces the log's findings with `found`, with one prepared statement (call inside a
  // transaction); a finding at a place of `kept` with its type gets "keep". Returns the counts.
  ScanSummary replace_spans(const std::string& id, const logs::FoundSpans& found, const std::vector<Place>& kept);
  // The findings in text order, one row at a time: memory does not grow with their number.
  void for_each_span(const std::string& id, const std::function<void(const PiiSpan&)>& visit);
  std::vector<PiiSpan> spans(const std::string& id);
  // What applying the decisions needs, without the values.
  logs::RedactionPlan redaction_plan(const std::string& id);
  // Sets action on the spans of this log matching the filter; returns how many changed.
  std::int64_t set_action(const std::string& log_id, const std::string& action, const std::optional<std::string>& span_id,
                          const std::optional<std::string>& pii_type, const std::optional<std::string>& value);
  void forget_original_values(const std::string& id);
  // Deletes every finding of the log, a bounded number per statement: call it before deleting the
  // log's incident, whose cascade would delete them all in one statement (see in_batches).
  void remove_spans(const std::string& id);

 private:
  // Runs `sql` (parameters: log id, first start_offset, end start_offset) over the log's findings
  // a bounded number at a time.
  void in_batches(const std::string& id, const char* sql);

  Database& db_;
};

}  // namespace tftsr
