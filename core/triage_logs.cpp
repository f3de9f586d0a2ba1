// Triage: imported logs, their findings and redaction.
#include <nlohmann/json.hpp>

#include "core/audit/audit_log.h"
#include "core/error.h"
#include "core/store/database.h"
#include "core/triage.h"
#include "core/triage_internal.h"
#include "core/logs/log_repository.h"
#include "core/pii/detector.h"
#include "core/pii/pii_type.h"
#include "core/store/settings_repository.h"

namespace tftsr {

using Lock = TriageLock;

namespace {
LogFile require_log(Database& db, const std::string& id) {
  auto l = LogRepository(db).find(id);
  if (!l) throw Error(ErrorKind::NotFound, "no log with id " + id);
  return *l;
}

std::string human_size(std::int64_t bytes) {
  if (bytes < 1024) return std::to_string(bytes) + " B";
  if (bytes < (1 << 20)) return std::to_string(bytes / 1024) + " KiB";
  return std::to_string(bytes >> 20) + " MiB";
}
}  // namespace

LogFile Triage::add_log(const std::string& issue_id, const std::filesystem::path& path, const Progress& progress) {
  {
    Lock lock(mutex_);
    require_issue(*db_, issue_id);
  }
  // Decoding and sealing need no lock: the store stays usable while a big log imports.
  LogFile log = store_log_file(*content_, issue_id, path, progress);
  try {
    Lock lock(mutex_);
    Transaction tx(*db_);
    require_issue(*db_, issue_id);
    record_log(*db_, log);
    nlohmann::json details = {{"log_file_id", log.id}, {"sha256", *log.content_hash}, {"encoding", log.encoding}};
    add_event(*db_, issue_id, "log_added",
              "Log added: " + log.file_name + " (" + human_size(*log.file_size) + ", " +
                  std::to_string(log.line_count) + " lines)",
              details.dump());
    tx.commit();
  } catch (...) {
    content_->remove(log.original_blob);
    throw;
  }
  return log;
}

std::vector<LogFile> Triage::list_logs(const std::string& issue_id) {
  Lock lock(mutex_);
  require_issue(*db_, issue_id);
  return LogRepository(*db_).for_issue(issue_id);
}

LogFile Triage::get_log(const std::string& log_id) {
  Lock lock(mutex_);
  return require_log(*db_, log_id);
}

std::string Triage::log_text(const std::string& log_id, bool redacted) {
  LogFile l = get_log(log_id);
  if (redacted && !l.redacted_blob)
    throw Error(ErrorKind::InvalidInput, "log " + l.file_name + " has no redacted version yet: apply redactions first");
  return read_log_text(*content_, l, redacted, 0, redacted ? l.redacted_size.value_or(0) : l.text_size);
}

std::string Triage::log_text_range(const std::string& log_id, bool redacted, std::int64_t offset, std::int64_t length) {
  LogFile l = get_log(log_id);
  if (redacted && !l.redacted_blob)
    throw Error(ErrorKind::InvalidInput, "log " + l.file_name + " has no redacted version yet: apply redactions first");
  return read_log_text(*content_, l, redacted, offset, length);
}

std::shared_ptr<const pii::PiiDetector> Triage::detector() {
  std::string disabled = SettingsRepository(*db_).get(kDisabledPiiTypesSetting).value_or("");
  if (!detector_ || disabled != detector_disabled_) {
    pii::DetectorOptions options;
    options.enabled = pii::all_pii_types() & ~pii::parse_type_list(disabled);
    detector_ = std::make_shared<const pii::PiiDetector>(options);
    detector_disabled_ = disabled;
  }
  return detector_;
}

std::vector<PiiSpan> Triage::scan_log(const std::string& log_id, const Progress& progress) {
  LogFile l;
  std::shared_ptr<const pii::PiiDetector> d;
  {
    Lock lock(mutex_);
    l = require_log(*db_, log_id);
    d = detector();
  }
  // Reading and scanning touch no database: the store stays usable meanwhile.
  auto spans = detect_log_spans(*content_, l, *d, progress);
  Lock lock(mutex_);
  require_log(*db_, log_id);
  record_spans(*db_, log_id, spans);
  add_event(*db_, l.issue_id, "log_scanned", "Scanned " + l.file_name + ": " + std::to_string(spans.size()) + " findings");
  return spans;
}

std::vector<PiiSpan> Triage::log_findings(const std::string& log_id) {
  Lock lock(mutex_);
  require_log(*db_, log_id);
  return LogRepository(*db_).spans(log_id);
}

std::int64_t Triage::set_finding_action(const std::string& log_id, const std::string& action,
                                        const std::optional<std::string>& span_id,
                                        const std::optional<std::string>& pii_type,
                                        const std::optional<std::string>& value) {
  if (action != "redact" && action != "keep")
    throw Error(ErrorKind::InvalidInput, "unknown decision \"" + action + "\" (use redact or keep)");
  std::optional<std::string> type = pii_type;
  if (type) {
    auto t = pii::pii_type_from_name(*type);
    if (!t) throw Error(ErrorKind::InvalidInput, "unknown finding type \"" + *type + "\"");
    type = std::string(pii::pii_type_name(*t));
  }
  Lock lock(mutex_);
  require_log(*db_, log_id);
  return LogRepository(*db_).set_action(log_id, action, span_id, type, value);
}

RedactionSummary Triage::apply_redactions(const std::string& log_id, const Progress& progress) {
  LogFile l;
  std::vector<PiiSpan> spans;
  {
    Lock lock(mutex_);
    l = require_log(*db_, log_id);
    spans = LogRepository(*db_).spans(log_id);
  }
  // Building and sealing the redacted text touches no database: the store stays usable.
  RedactionSummary s = seal_redacted_text(*content_, l, spans, progress);
  try {
    Lock lock(mutex_);
    Transaction tx(*db_);
    require_log(*db_, log_id);
    record_redaction(*db_, log_id, s);
    nlohmann::json details = {{"log_file_id", log_id}, {"file_name", l.file_name}, {"sha256", s.sha256},
                              {"size", s.size},        {"redacted", s.redacted},   {"kept", s.kept}};
    AuditLog(*db_).append("log_redact", "log_file", log_id, details.dump());
    std::int64_t total = 0;
    for (const auto& [_, n] : s.redacted) total += n;
    add_event(*db_, l.issue_id, "log_redacted",
              "Redactions applied to " + l.file_name + ": " + std::to_string(total) + " values masked", details.dump());
    tx.commit();
  } catch (...) {
    content_->remove(s.blob);
    throw;
  }
  if (l.redacted_blob) content_->remove(*l.redacted_blob);  // the previous redacted text
  return s;
}

}  // namespace tftsr
