#include "core/docs/incident_facts.h"

#include "core/images/image_library.h"
#include "core/logs/log_repository.h"
#include "core/store/database.h"
#include "core/store/evidence_repository.h"
#include "core/store/issue_repository.h"
#include "core/store/step_repository.h"
#include "core/store/timeline_repository.h"

namespace tftsr::docs {

IncidentFacts read_incident_facts(Database& db, const std::string& incident_id) {
  IncidentFacts f;
  f.incident = IssueRepository(db).get(incident_id);
  f.steps = StepRepository(db).for_issue(incident_id);
  f.evidence = EvidenceRepository(db).for_issue(incident_id);
  f.timeline = TimelineRepository(db).for_issue(incident_id);
  f.logs = LogRepository(db).for_issue(incident_id);
  f.images = ImageLibrary(db).list(incident_id);
  auto st = db.prepare("SELECT root_cause FROM incident_whys WHERE issue_id = ?");
  st.bind(1, incident_id);
  if (st.step() && !st.is_null(0) && !st.text(0).empty()) f.root_cause = st.text(0);
  return f;
}

}  // namespace tftsr::docs
