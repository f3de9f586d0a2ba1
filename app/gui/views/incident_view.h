#pragma once
// One incident: a header whose title, status, severity and domain are edited in place (resolving
// asks to confirm), the description editor and the triage summary of its logs, the 5-Whys steps,
// the pages and tickets made from it ("Create ticket…") and the timeline. In the inspector: a
// summary and the similar earlier incidents.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/gui/app_state.h"
#include "app/gui/tab_view.h"
#include "app/gui/views/integration_links_panel.h"
#include "app/gui/views/similar_incidents_panel.h"
#include "app/gui/views/triage_summary_panel.h"

namespace tftsr::gui {

class IncidentView : public TabView {
 public:
  static constexpr const char* kKind = "incident";
  IncidentView(AppState&, const std::string& incident_id) : id_(incident_id) {}

  std::string title(const AppState& state) const override;
  void draw(AppState& state) override;
  bool shows(const std::string& id) const override { return id == id_; }
  void cancel_jobs() override {
    triage_.cancel();
    similar_.cancel();
    links_.cancel();
  }
  // A compact read-only summary for the inspector pane.
  void draw_summary(AppState& state);
  const std::string& incident_id() const { return id_; }
  const TriageSummaryPanel& triage_summary() const { return triage_; }
  const SimilarIncidentsPanel& similar_incidents() const { return similar_; }
  IntegrationLinksPanel& integration_links() { return links_; }

 private:
  struct Editor {
    std::uint64_t loaded_version = 0;
    std::optional<IncidentDetail> detail;
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
  // What the ranking of similar incidents reads of this one, as one text to compare.
  static std::string similarity_inputs(const Editor& e);
  void apply(AppState& state, Editor& e, const std::string& id, const IncidentPatch& patch);
  void draw_header(AppState& state, Editor& e, const std::string& id);
  void draw_overview(AppState& state, Editor& e, const std::string& id);
  void draw_steps(Editor& e);
  void draw_logs(AppState& state, Editor& e, const std::string& id);
  void draw_timeline(AppState& state, Editor& e, const std::string& id);

  std::string id_;
  Editor editor_;
  TriageSummaryPanel triage_;
  SimilarIncidentsPanel similar_;
  IntegrationLinksPanel links_;
};

}  // namespace tftsr::gui
