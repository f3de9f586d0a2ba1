#pragma once
// "Similar incidents" in the inspector: earlier incidents that share error patterns and words
// with this one, with what was learnt from them (root cause, answered whys). Ranked on the
// worker pool (mining the logs not mined yet) when the panel shows and after every change.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/gui/app_state.h"
#include "app/gui/view_jobs.h"

namespace tftsr::gui {

class SimilarIncidentsPanel {
 public:
  void draw(AppState& state, const std::string& incident_id);
  void cancel() { jobs_.cancel(); }

  bool loaded() const { return matches_.has_value() && !running_; }
  const std::vector<SimilarIncidentMatch>* matches() const { return matches_ ? &*matches_ : nullptr; }

 private:
  void start(AppState& state, const std::string& incident_id);

  std::uint64_t loaded_version_ = 0;
  std::optional<std::vector<SimilarIncidentMatch>> matches_;
  bool running_ = false;
  std::string error_;
  ViewJobs jobs_;
};

}  // namespace tftsr::gui
