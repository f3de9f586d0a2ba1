#pragma once
// One incident: a header whose title, status, severity and domain are edited in place (resolving
// asks to confirm), the description editor, the 5-Whys steps and the timeline.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/gui/app_state.h"

namespace tftsr::gui {

class IncidentView {
 public:
  void draw(AppState& state, const std::string& incident_id);
  // A compact read-only summary for the inspector pane.
  void draw_summary(AppState& state, const std::string& incident_id);
  void forget(const std::string& incident_id) { open_.erase(incident_id); }

 private:
  struct Editor {
    std::uint64_t loaded_version = 0;
    std::optional<IssueDetail> detail;
    std::vector<LogFile> logs;
    std::string error;
    std::string title;
    bool editing_title = false;
    bool focus_title = false;
    std::string description;
    bool description_dirty = false;
    std::string note;
    std::optional<std::string> pending_status;  // waiting for the resolve confirmation
  };
  Editor& load(AppState& state, const std::string& id);
  void apply(AppState& state, Editor& e, const std::string& id, const IssuePatch& patch);
  void draw_header(AppState& state, Editor& e, const std::string& id);
  void draw_overview(AppState& state, Editor& e, const std::string& id);
  void draw_steps(Editor& e);
  void draw_logs(AppState& state, Editor& e, const std::string& id);
  void draw_timeline(AppState& state, Editor& e, const std::string& id);

  std::map<std::string, Editor> open_;
};

}  // namespace tftsr::gui
