#pragma once
// The incident's triage summary without AI, on its overview: when it started and how that is
// known, the first error, the ranked warning-and-error patterns, the patterns new since the
// start, and the errors per minute. Every pattern opens its log filtered to its lines. The
// summary is computed on the worker pool (mining the logs not mined yet) when the panel first
// shows and whenever the incident's logs change.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/gui/app_state.h"
#include "app/gui/view_jobs.h"

namespace tftsr::gui {

class TriageSummaryPanel {
 public:
  void draw(AppState& state, const std::string& incident_id, const std::vector<LogFile>& logs);
  void cancel() { jobs_.cancel(); }

  bool loaded() const { return triage_.has_value() && !running_; }
  const IncidentTriage* triage() const { return triage_ ? &*triage_ : nullptr; }

 private:
  void start(AppState& state, const std::string& incident_id);
  std::string log_name(const std::string& log_id) const;
  // One clickable pattern line; opens its first log filtered to it.
  void pattern_row(AppState& state, const patterns::RankedPattern& p, const std::string& probe_key);

  std::string logs_key_;  // the logs the summary is of
  std::optional<IncidentTriage> triage_;
  bool running_ = false;
  JobId job_ = 0;
  std::uint64_t generation_ = 0;  // results of a summary started before are dropped
  std::string error_;
  std::vector<float> errors_per_minute_;
  ViewJobs jobs_;
};

}  // namespace tftsr::gui
