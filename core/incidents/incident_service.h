#pragma once
// Incidents, their 5-Whys steps and their timeline: validation, and a timeline event (or an audit
// entry, for a deletion) in the transaction of every change.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/model/evidence_link.h"
#include "core/model/incident.h"

namespace tftsr {

struct ServiceContext;

class IncidentService {
 public:
  explicit IncidentService(ServiceContext& ctx) : ctx_(ctx) {}

  Incident create(const NewIncident& in);
  IncidentDetail get(const std::string& id);
  std::vector<Incident> list(const IncidentFilter& filter);
  std::int64_t count(const IncidentFilter& filter);
  Incident update(const std::string& id, const IncidentPatch& patch);
  // Removes the incident with its steps, timeline, logs and images. Audited.
  void remove(const std::string& id);
  std::vector<Incident> search(const std::string& query, int limit = 50);
  DashboardStats dashboard(int recent_limit = 10);

  // 5-Whys
  ResolutionStep add_step(const std::string& incident_id, int step_order, const std::string& question,
                          std::optional<std::string> answer = {}, std::optional<std::string> evidence = {});
  ResolutionStep update_step(const std::string& step_id, const StepPatch& patch);
  std::vector<ResolutionStep> steps(const std::string& incident_id);
  // Inserts a why at position `at` (1..count+1); the ones from there move one down. Refused when
  // the incident has five already.
  ResolutionStep insert_step(const std::string& incident_id, int at, const std::string& question);
  // Moves a why to position `to` (1..count); the others close up around it.
  std::vector<ResolutionStep> move_step(const std::string& step_id, int to);
  // Removes a why with its evidence links; the ones after it move one up.
  void remove_step(const std::string& step_id);
  void unlink_evidence(const std::string& link_id);
  // The root cause the 5 Whys led to, typed by the user (the same record the AI-guided 5 Whys
  // keep); the current why level stays. Adds a timeline event.
  void set_root_cause(const std::string& incident_id, const std::string& text);
  // Evidence of a step's answer: lines first..last (1-based) of a log, or an image, of the
  // step's own incident. Adds a timeline event.
  EvidenceLink link_log_lines(const std::string& step_id, const std::string& log_id, std::int64_t first_line,
                              std::int64_t last_line);
  EvidenceLink link_image(const std::string& step_id, const std::string& image_id);
  std::vector<EvidenceLink> evidence(const std::string& step_id);

  std::vector<TimelineEvent> timeline(const std::string& incident_id);
  TimelineEvent add_note(const std::string& incident_id, const std::string& text);

 private:
  ServiceContext& ctx_;
};

}  // namespace tftsr
