#pragma once
// Imported logs: import, read back, scan for personal data and secrets, record the reviewer's
// decisions and apply them. Import, scan and apply can take long: callers run them on a worker;
// the store stays usable meanwhile (the heavy parts run without the lock).
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/model/finding.h"
#include "core/model/log_file.h"
#include "core/progress.h"

namespace tftsr {

struct ServiceContext;

struct LogLines {
  std::vector<std::string> lines;
  bool redacted = false;  // read from the redacted text
};

class LogService {
 public:
  explicit LogService(ServiceContext& ctx) : ctx_(ctx) {}

  LogFile add(const std::string& incident_id, const std::filesystem::path& path, const Progress& progress = {});
  std::vector<LogFile> list(const std::string& incident_id);
  LogFile get(const std::string& log_id);
  std::string text(const std::string& log_id, bool redacted);
  std::string text_range(const std::string& log_id, bool redacted, std::int64_t offset, std::int64_t length);
  // Lines first..last (1-based, inclusive) as they may be shown: the redacted text once the log
  // has been redacted, the original before. Lines past the end are left out.
  LogLines lines(const std::string& log_id, std::int64_t first, std::int64_t last);
  // Detects PII and secrets with the types enabled in the settings; replaces earlier findings.
  // Returns the counts: the findings themselves are read with findings() or for_each_finding().
  ScanSummary scan(const std::string& log_id, const Progress& progress = {});
  // On the writer even while it is busy: reads on the read connection take turns, and one of
  // 500k findings would hold up the UI's small reads there.
  std::vector<PiiSpan> findings(const std::string& log_id);
  // The findings in text order, one at a time, for callers that must not hold millions at once.
  // The store is locked meanwhile: `visit` must not call back into the store.
  void for_each_finding(const std::string& log_id, const std::function<void(const PiiSpan&)>& visit);
  // Marks findings "redact" or "keep": one (span_id), every one of a type, or every occurrence of
  // a value. Returns how many findings changed.
  std::int64_t set_finding_action(const std::string& log_id, const std::string& action,
                                  const std::optional<std::string>& span_id,
                                  const std::optional<std::string>& pii_type = {},
                                  const std::optional<std::string>& value = {});
  // Produces and stores the redacted text; audited with its SHA-256 and the counts per type.
  RedactionSummary apply_redactions(const std::string& log_id, const Progress& progress = {});

 private:
  ServiceContext& ctx_;
};

}  // namespace tftsr
