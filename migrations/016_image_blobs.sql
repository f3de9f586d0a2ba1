-- Attached images are kept inside the encrypted database, not as files beside it: the incident
-- stays complete when the original moves, and no pixel is readable on disk without the key.
CREATE TABLE image_blobs (
    attachment_id TEXT PRIMARY KEY REFERENCES image_attachments(id) ON DELETE CASCADE,
    width         INTEGER NOT NULL,
    height        INTEGER NOT NULL,
    data          BLOB NOT NULL
);

-- The annotations of an image as JSON (see core/images/annotation.h); burned in only on export.
CREATE TABLE image_annotations (
    attachment_id TEXT PRIMARY KEY REFERENCES image_attachments(id) ON DELETE CASCADE,
    json          TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);

-- De-duplication looks images up by content hash within an incident.
CREATE INDEX image_attachments_issue_hash ON image_attachments(issue_id, upload_hash);
