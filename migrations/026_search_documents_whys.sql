-- Incident search also finds the words of the incident's documents and of its 5 Whys (questions,
-- answers, evidence notes, the root cause): one external-content index per table, kept in step
-- by triggers like issues_fts, with the same prefix index for search-as-you-type.
CREATE VIRTUAL TABLE documents_fts USING fts5(
    title,
    content_md,
    content='documents',
    content_rowid='rowid',
    prefix='2 3'
);
CREATE TRIGGER documents_fts_after_insert AFTER INSERT ON documents
BEGIN
    INSERT INTO documents_fts(rowid, title, content_md) VALUES (new.rowid, new.title, new.content_md);
END;
CREATE TRIGGER documents_fts_after_delete AFTER DELETE ON documents
BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, content_md) VALUES ('delete', old.rowid, old.title, old.content_md);
END;
CREATE TRIGGER documents_fts_after_update AFTER UPDATE OF title, content_md ON documents
BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, content_md) VALUES ('delete', old.rowid, old.title, old.content_md);
    INSERT INTO documents_fts(rowid, title, content_md) VALUES (new.rowid, new.title, new.content_md);
END;
INSERT INTO documents_fts(documents_fts) VALUES ('rebuild');

CREATE VIRTUAL TABLE steps_fts USING fts5(
    why_question,
    answer,
    evidence,
    content='resolution_steps',
    content_rowid='rowid',
    prefix='2 3'
);
CREATE TRIGGER steps_fts_after_insert AFTER INSERT ON resolution_steps
BEGIN
    INSERT INTO steps_fts(rowid, why_question, answer, evidence) VALUES (new.rowid, new.why_question, new.answer, new.evidence);
END;
CREATE TRIGGER steps_fts_after_delete AFTER DELETE ON resolution_steps
BEGIN
    INSERT INTO steps_fts(steps_fts, rowid, why_question, answer, evidence)
        VALUES ('delete', old.rowid, old.why_question, old.answer, old.evidence);
END;
CREATE TRIGGER steps_fts_after_update AFTER UPDATE OF why_question, answer, evidence ON resolution_steps
BEGIN
    INSERT INTO steps_fts(steps_fts, rowid, why_question, answer, evidence)
        VALUES ('delete', old.rowid, old.why_question, old.answer, old.evidence);
    INSERT INTO steps_fts(rowid, why_question, answer, evidence) VALUES (new.rowid, new.why_question, new.answer, new.evidence);
END;
INSERT INTO steps_fts(steps_fts) VALUES ('rebuild');

CREATE VIRTUAL TABLE root_causes_fts USING fts5(
    root_cause,
    content='incident_whys',
    content_rowid='rowid',
    prefix='2 3'
);
CREATE TRIGGER root_causes_fts_after_insert AFTER INSERT ON incident_whys
BEGIN
    INSERT INTO root_causes_fts(rowid, root_cause) VALUES (new.rowid, new.root_cause);
END;
CREATE TRIGGER root_causes_fts_after_delete AFTER DELETE ON incident_whys
BEGIN
    INSERT INTO root_causes_fts(root_causes_fts, rowid, root_cause) VALUES ('delete', old.rowid, old.root_cause);
END;
CREATE TRIGGER root_causes_fts_after_update AFTER UPDATE OF root_cause ON incident_whys
BEGIN
    INSERT INTO root_causes_fts(root_causes_fts, rowid, root_cause) VALUES ('delete', old.rowid, old.root_cause);
    INSERT INTO root_causes_fts(rowid, root_cause) VALUES (new.rowid, new.root_cause);
END;
INSERT INTO root_causes_fts(root_causes_fts) VALUES ('rebuild');
