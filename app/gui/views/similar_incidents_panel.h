#pragma once
// "Similar incidents" in the inspector: earlier incidents that share error patterns and words
// with this one, with what was learnt from them (root cause, answered whys). Ranked on the
// worker pool (mining the logs not mined yet) when the panel first shows, again only when what
// the ranking reads of this incident changes (after a short pause) or on Refresh; the last
// result stays shown while a new one runs.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/gui/app_state.h"
#include "app/gui/view_jobs.h"

namespace tftsr::gui {

class SimilarIncidentsPanel {
 public:
  // `inputs` stands for what the ranking reads of this incident (its text, whys and logs): a
  // change of it starts a new search, other changes to the data do not.
  void draw(AppState& state, const std::string& incident_id, const std::string& inputs);
  void cancel() { jobs_.cancel(); }

  bool loaded() const { return matches_.has_value() && !running_; }
  bool running() const { return running_; }
  std::uint64_t searches_started() const { return searches_; }
  const std::vector<SimilarIncidentMatch>* matches() const { return matches_ ? &*matches_ : nullptr; }

 private:
  void start(AppState& state, const std::string& incident_id);

  std::optional<std::string> searched_inputs_;  // of the last search started
  std::string wanted_inputs_;                   // as last drawn
  double inputs_changed_at_ = 0.0;              // ImGui time
  bool refresh_requested_ = false;
  std::uint64_t searches_ = 0;
  std::optional<std::vector<SimilarIncidentMatch>> matches_;
  bool running_ = false;
  std::string error_;
  ViewJobs jobs_;
};

}  // namespace tftsr::gui
