#pragma once
// Mining the patterns of a log: of a plain file (read as a stream, nothing stored) or of a log
// stored in an incident (its sealed text read piece by piece through the content store). Nothing
// is persisted: mining is a single pass (about 100 MB/s), so callers mine when they need it and
// keep the report as long as they show it. Both take a progress callback that can cancel.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/model/incident.h"

#include "core/patterns/pattern_miner.h"
#include "core/patterns/pattern_report.h"
#include "core/patterns/similar_incidents.h"
#include "core/patterns/triage_summary.h"
#include "core/progress.h"

namespace tftsr {

struct ServiceContext;

// An earlier incident that looks like this one, with what was learnt from it.
struct SimilarIncidentMatch {
  Incident incident;
  patterns::SimilarIncident similarity;
  std::vector<std::string> shared_pattern_texts;  // of the first shared patterns, rarest first
  std::optional<std::string> root_cause;          // the 5 Whys' root cause, when found
  std::vector<ResolutionStep> answered_whys;      // in order
};

// The triage summary of an incident with the names of its logs (log id -> file name).
struct IncidentTriage {
  patterns::TriageSummary summary;
  std::vector<std::pair<std::string, std::string>> logs;  // id, file name; in import order
  std::vector<std::string> notices;                       // limits hit while mining
};

class PatternService {
 public:
  explicit PatternService(ServiceContext& ctx) : ctx_(ctx) {}

  // Error(Io) if the file cannot be read, Error(InvalidInput) for a binary file; an empty file
  // gives an empty report. Needs no store (static: the CLI mines files without a passphrase).
  static patterns::PatternReport mine_file(const std::filesystem::path& path, const patterns::MinerOptions& options = {},
                                    const Progress& progress = {});
  // The original text, or the redacted one (Error(InvalidInput) when there is none yet).
  // Error(NotFound) for an unknown log id.
  patterns::PatternReport mine_log(const std::string& log_id, const patterns::MinerOptions& options = {},
                                   const Progress& progress = {}, bool redacted = false);

  // Mines the logs of the incident (every incident when `incident_id` is empty) whose patterns
  // are not in the store yet, and keeps them (migration 024). Returns how many were mined.
  int mine_missing(const std::string& incident_id, const Progress& progress = {});
  // The stored patterns of a log as a report (mined and kept first if they are not yet), and
  // their compact text (pattern_summary.h), as sent to an AI model in place of log lines.
  patterns::PatternReport stored_report(const std::string& log_id, const Progress& progress = {});
  std::string summary_text(const std::string& log_id, const Progress& progress = {});
  // The summary of 2 in the issue: mines what is missing first. Error(NotFound) for an unknown id.
  IncidentTriage triage(const std::string& incident_id, const patterns::TriageOptions& options = {},
                        const Progress& progress = {});
  // Incidents created before this one (never a later one), ranked by shared error patterns and
  // words (similar_incidents.h); mines the logs of every incident that are not mined yet.
  // Error(NotFound) for an unknown id.
  std::vector<SimilarIncidentMatch> similar(const std::string& incident_id, std::size_t limit = 5,
                                            const Progress& progress = {});

 private:
  ServiceContext& ctx_;
};

}  // namespace tftsr
