-- Imported log text is kept in files sealed with AES-256-GCM beside the database (see
-- core/store/encrypted_file_store.h): the incident stays complete when the original file moves,
-- and gigabyte logs import at disk speed. This table says what the seed's log_files row does not,
-- including which sealed files hold the decoded original text and the redacted text.
CREATE TABLE log_file_details (
    log_file_id     TEXT PRIMARY KEY REFERENCES log_files(id) ON DELETE CASCADE,
    original_blob   TEXT NOT NULL,
    text_size       INTEGER NOT NULL,
    line_count      INTEGER NOT NULL,
    encoding        TEXT NOT NULL,
    notes           TEXT,
    scanned_at      TEXT,
    redacted_blob   TEXT,
    redacted_size   INTEGER,
    redacted_sha256 TEXT
);

-- The reviewer's decision per finding; applied by the redaction step.
ALTER TABLE pii_spans ADD COLUMN action TEXT NOT NULL DEFAULT 'redact' CHECK(action IN ('redact', 'keep'));
CREATE INDEX pii_spans_log ON pii_spans(log_file_id, start_offset);
CREATE INDEX log_files_issue ON log_files(issue_id, uploaded_at);
