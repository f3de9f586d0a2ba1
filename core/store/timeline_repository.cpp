#include "core/store/timeline_repository.h"

#include "core/store/database.h"

namespace tftsr {

void TimelineRepository::insert(const TimelineEvent& e) {
  db_.prepare("INSERT INTO timeline_events(id, issue_id, event_type, summary, details, created_at) VALUES (?,?,?,?,?,?)")
      .bind(1, e.id).bind(2, e.issue_id).bind(3, e.event_type).bind(4, e.summary).bind(5, e.details)
      .bind(6, e.created_at)
      .run();
}

std::vector<TimelineEvent> TimelineRepository::for_issue(const std::string& issue_id) {
  // Ids are UUID v7, so they order events made within the same second.
  auto st = db_.prepare(
      "SELECT id, issue_id, event_type, summary, details, created_at FROM timeline_events WHERE issue_id = ? "
      "ORDER BY created_at, id");
  st.bind(1, issue_id);
  std::vector<TimelineEvent> out;
  while (st.step()) {
    TimelineEvent e;
    e.id = st.text(0);
    e.issue_id = st.text(1);
    e.event_type = st.text(2);
    e.summary = st.text(3);
    e.details = st.optional_text(4);
    e.created_at = st.text(5);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace tftsr
