-- Hash chain over the audit log: each entry stores the hash of the previous entry and its own
-- (see core/audit/audit_log.cpp for what is hashed). seq gives the chain a stable order that
-- VACUUM cannot renumber.
ALTER TABLE audit_log ADD COLUMN seq INTEGER;
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_log ADD COLUMN entry_hash TEXT;
CREATE UNIQUE INDEX audit_log_seq ON audit_log(seq);
CREATE INDEX audit_log_action ON audit_log(action, timestamp);

-- Append-only: no program path may edit or remove an entry.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: entries cannot be changed');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: entries cannot be deleted');
END;
