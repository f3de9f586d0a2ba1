#pragma once
// The operations on imported logs: import a file into the encrypted store, scan it for personal
// data and secrets, and apply the reviewer's decisions to produce the redacted text. The heavy
// parts (decoding, sealing, scanning) touch no database, so the caller can run them without
// holding the store's lock; the small record_* steps write the rows.
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/logs/found_spans.h"
#include "core/logs/redaction_plan.h"
#include "core/progress.h"
#include "core/store/encrypted_file_store.h"
#include "core/model/log_file.h"

namespace tftsr {

class Database;
namespace pii {
class PiiDetector;
}

struct LogImportLimits {
  std::int64_t max_file_size = std::int64_t{16} << 30;  // bytes of the file as given
};

// Decodes `path` and seals its text into the content store (a file nobody refers to yet). A
// failure (binary file, full disk, cancel) leaves nothing behind. The result still has to be
// recorded with record_log().
LogFile store_log_file(const EncryptedFileStore& content, const std::string& issue_id,
                       const std::filesystem::path& path, const Progress& progress = {},
                       const LogImportLimits& limits = {});
void record_log(Database& db, const LogFile& log);

// Bytes [offset, offset + length) of the stored text (clipped to its end).
std::string read_log_text(const EncryptedFileStore& content, const LogFile& log, bool redacted, std::int64_t offset,
                          std::int64_t length);

// Finds PII in the stored original text. Pure: nothing is written.
logs::FoundSpans detect_log_spans(const EncryptedFileStore& content, const LogFile& log,
                                  const pii::PiiDetector& detector, const Progress& progress = {});
// Replaces the log's findings with new ones; a finding at the same place with the same type keeps
// the decision it had. Returns the counts. Call inside a transaction, not a savepoint of one: a
// savepoint keeps the old content of every page it changes in memory until it ends (for a rescan
// of millions of findings, hundreds of megabytes).
ScanSummary record_spans(Database& db, const std::string& log_id, const logs::FoundSpans& found);

// Builds the redacted text from the findings and their decisions and seals it into a new file.
RedactionSummary seal_redacted_text(const EncryptedFileStore& content, const LogFile& log,
                                    const logs::RedactionPlan& plan, const Progress& progress = {});
// Points the log at its new redacted text, marks it redacted and forgets the findings' values.
void record_redaction(Database& db, const std::string& log_id, const RedactionSummary& summary);

}  // namespace tftsr
