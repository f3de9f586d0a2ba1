-- Keep the external-content FTS index in step with issues (the seed created the index but
-- nothing ever filled it).
CREATE TRIGGER issues_fts_after_insert AFTER INSERT ON issues
BEGIN
    INSERT INTO issues_fts(rowid, id, title, description) VALUES (new.rowid, new.id, new.title, new.description);
END;
CREATE TRIGGER issues_fts_after_delete AFTER DELETE ON issues
BEGIN
    INSERT INTO issues_fts(issues_fts, rowid, id, title, description)
        VALUES ('delete', old.rowid, old.id, old.title, old.description);
END;
CREATE TRIGGER issues_fts_after_update AFTER UPDATE OF title, description ON issues
BEGIN
    INSERT INTO issues_fts(issues_fts, rowid, id, title, description)
        VALUES ('delete', old.rowid, old.id, old.title, old.description);
    INSERT INTO issues_fts(rowid, id, title, description) VALUES (new.rowid, new.id, new.title, new.description);
END;
INSERT INTO issues_fts(issues_fts) VALUES ('rebuild');

CREATE INDEX issues_status ON issues(status, severity);
CREATE INDEX issues_updated ON issues(updated_at);
CREATE INDEX issues_resolved ON issues(resolved_at);
