-- Everything that happens to an incident, in order; feeds the timeline view and the post-mortem.
CREATE TABLE timeline_events (
    id         TEXT PRIMARY KEY,
    issue_id   TEXT NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
    event_type TEXT NOT NULL,
    summary    TEXT NOT NULL,
    details    TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX timeline_events_issue ON timeline_events(issue_id, created_at);
CREATE INDEX resolution_steps_issue ON resolution_steps(issue_id, step_order);
