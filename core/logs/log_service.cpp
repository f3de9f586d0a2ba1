#include "core/logs/log_service.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/journal/journal.h"
#include "core/logs/log_library.h"
#include "core/logs/log_repository.h"
#include "core/pii/detector.h"
#include "core/pii/detector_cache.h"
#include "core/pii/pii_type.h"
#include "core/service_context.h"
#include "core/store/database.h"
#include "core/store/issue_repository.h"
#include "core/store/settings_repository.h"

namespace tftsr {

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

LogFile LogService::add(const std::string& incident_id, const std::filesystem::path& path, const Progress& progress) {
  {
    ServiceLock lock(ctx_.mutex);
    IssueRepository(ctx_.db).get(incident_id);
  }
  // Decoding and sealing need no lock: the store stays usable while a big log imports.
  LogFile log = store_log_file(ctx_.content, incident_id, path, progress);
  try {
    ServiceLock lock(ctx_.mutex);
    Transaction tx(ctx_.db);
    IssueRepository(ctx_.db).get(incident_id);
    record_log(ctx_.db, log);
    nlohmann::json details = {{"log_file_id", log.id}, {"sha256", *log.content_hash}, {"encoding", log.encoding}};
    ctx_.journal.event(incident_id, "log_added",
                       "Log added: " + log.file_name + " (" + human_size(*log.file_size) + ", " +
                           std::to_string(log.line_count) + " lines)",
                       details.dump());
    tx.commit();
  } catch (...) {
    ctx_.content.remove(log.original_blob);
    throw;
  }
  return log;
}

std::vector<LogFile> LogService::list(const std::string& incident_id) {
  return read_committed(ctx_, [&](Database& db) {
    IssueRepository(db).get(incident_id);
    return LogRepository(db).for_issue(incident_id);
  });
}

LogFile LogService::get(const std::string& log_id) {
  return read_committed(ctx_, [&](Database& db) { return require_log(db, log_id); });
}

std::string LogService::text(const std::string& log_id, bool redacted) {
  LogFile l = get(log_id);
  if (redacted && !l.redacted_blob)
    throw Error(ErrorKind::InvalidInput, "log " + l.file_name + " has no redacted version yet: apply redactions first");
  return read_log_text(ctx_.content, l, redacted, 0, redacted ? l.redacted_size.value_or(0) : l.text_size);
}

std::string LogService::text_range(const std::string& log_id, bool redacted, std::int64_t offset, std::int64_t length) {
  LogFile l = get(log_id);
  if (redacted && !l.redacted_blob)
    throw Error(ErrorKind::InvalidInput, "log " + l.file_name + " has no redacted version yet: apply redactions first");
  return read_log_text(ctx_.content, l, redacted, offset, length);
}

LogLines LogService::lines(const std::string& log_id, std::int64_t first, std::int64_t last) {
  if (first < 1 || last < first)
    throw Error(ErrorKind::InvalidInput, "lines " + std::to_string(first) + "-" + std::to_string(last) + " are not a range");
  LogFile l = get(log_id);
  LogLines out;
  out.redacted = l.redacted && l.redacted_blob.has_value();
  const std::int64_t size = out.redacted ? l.redacted_size.value_or(0) : l.text_size;
  // Read on in chunks, counting line ends, until the last line asked for is whole.
  constexpr std::int64_t kChunk = 1 << 20;
  std::int64_t line = 1;
  std::string current;
  for (std::int64_t offset = 0; offset < size && line <= last; offset += kChunk) {
    const std::string chunk = read_log_text(ctx_.content, l, out.redacted, offset, std::min(kChunk, size - offset));
    if (chunk.empty()) break;
    std::size_t start = 0;
    while (start <= chunk.size() && line <= last) {
      const std::size_t lf = chunk.find('\n', start);
      const std::size_t end = lf == std::string::npos ? chunk.size() : lf;
      if (line >= first) current.append(chunk, start, end - start);
      if (lf == std::string::npos) break;
      if (line >= first) {
        if (!current.empty() && current.back() == '\r') current.pop_back();
        out.lines.push_back(std::move(current));
      }
      current.clear();
      ++line;
      start = lf + 1;
    }
  }
  if (line >= first && line <= last && !current.empty()) out.lines.push_back(std::move(current));
  return out;
}

ScanSummary LogService::scan(const std::string& log_id, const Progress& progress) {
  LogFile l;
  std::shared_ptr<const pii::PiiDetector> d;
  {
    ServiceLock lock(ctx_.mutex);
    l = require_log(ctx_.db, log_id);
    d = ctx_.detectors.without(
        pii::parse_type_list(SettingsRepository(ctx_.db).get(kDisabledPiiTypesSetting).value_or("")));
  }
  // Reading and scanning touch no database: the store stays usable meanwhile.
  const logs::FoundSpans found = detect_log_spans(ctx_.content, l, *d, progress);
  ServiceLock lock(ctx_.mutex);
  Transaction tx(ctx_.db);  // the findings and their timeline event land together
  require_log(ctx_.db, log_id);
  ScanSummary summary = record_spans(ctx_.db, log_id, found);
  ctx_.journal.event(l.issue_id, "log_scanned",
                     "Scanned " + l.file_name + ": " + std::to_string(summary.total) + " findings");
  tx.commit();
  progress.update(1.0, "scanned");
  return summary;
}

std::vector<PiiSpan> LogService::findings(const std::string& log_id) {
  ServiceLock lock(ctx_.mutex);
  require_log(ctx_.db, log_id);
  return LogRepository(ctx_.db).spans(log_id);
}

void LogService::for_each_finding(const std::string& log_id, const std::function<void(const PiiSpan&)>& visit) {
  ServiceLock lock(ctx_.mutex);
  require_log(ctx_.db, log_id);
  LogRepository(ctx_.db).for_each_span(log_id, visit);
}

std::int64_t LogService::set_finding_action(const std::string& log_id, const std::string& action,
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
  ServiceLock lock(ctx_.mutex);
  require_log(ctx_.db, log_id);
  return LogRepository(ctx_.db).set_action(log_id, action, span_id, type, value);
}

RedactionSummary LogService::apply_redactions(const std::string& log_id, const Progress& progress) {
  LogFile l;
  logs::RedactionPlan plan;
  {
    ServiceLock lock(ctx_.mutex);
    l = require_log(ctx_.db, log_id);
    plan = LogRepository(ctx_.db).redaction_plan(log_id);
  }
  // Building and sealing the redacted text touches no database: the store stays usable.
  RedactionSummary s = seal_redacted_text(ctx_.content, l, plan, progress);
  plan = {};
  try {
    ServiceLock lock(ctx_.mutex);
    Transaction tx(ctx_.db);
    require_log(ctx_.db, log_id);
    record_redaction(ctx_.db, log_id, s);
    nlohmann::json details = {{"log_file_id", log_id}, {"file_name", l.file_name}, {"sha256", s.sha256},
                              {"size", s.size},        {"redacted", s.redacted},   {"kept", s.kept}};
    ctx_.journal.audit("log_redact", "log_file", log_id, details.dump());
    std::int64_t total = 0;
    for (const auto& [_, n] : s.redacted) total += n;
    ctx_.journal.event(l.issue_id, "log_redacted",
                       "Redactions applied to " + l.file_name + ": " + std::to_string(total) + " values masked",
                       details.dump());
    tx.commit();
  } catch (...) {
    ctx_.content.remove(s.blob);
    throw;
  }
  if (l.redacted_blob) ctx_.content.remove(*l.redacted_blob);  // the previous redacted text
  return s;
}

}  // namespace tftsr
