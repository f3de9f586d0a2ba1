-- The versions of an incident's documents, listed and numbered per type.
CREATE INDEX documents_issue ON documents(issue_id, doc_type, created_at);

-- Evidence of a 5-Whys answer: a range of lines of one of the incident's logs, or one of its images.
CREATE TABLE step_evidence (
    id         TEXT PRIMARY KEY,
    step_id    TEXT NOT NULL REFERENCES resolution_steps(id) ON DELETE CASCADE,
    log_id     TEXT REFERENCES log_files(id) ON DELETE CASCADE,
    first_line INTEGER,
    last_line  INTEGER,
    image_id   TEXT REFERENCES image_attachments(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    CHECK ((log_id IS NOT NULL AND image_id IS NULL AND first_line >= 1 AND last_line >= first_line)
        OR (image_id IS NOT NULL AND log_id IS NULL AND first_line IS NULL AND last_line IS NULL))
);
CREATE INDEX step_evidence_step ON step_evidence(step_id);
