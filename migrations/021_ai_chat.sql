-- What the chat needs beyond the seed's conversations and messages.
--
-- A user message's attachments (the logs and images sent with it) as a JSON array: each with its
-- kind, id, name, the size sent, what was left out, and for a log the excerpt exactly as sent, so
-- that later requests can send the history again without reading the log anew. NULL: none.
ALTER TABLE ai_messages ADD COLUMN attachments TEXT;

-- The placeholders of a conversation: the same value always becomes the same "[Email_1]", and the
-- reply is shown with the values put back. The values stay here, in the encrypted store.
CREATE TABLE ai_placeholders (
    conversation_id TEXT NOT NULL REFERENCES ai_conversations(id) ON DELETE CASCADE,
    pii_type        TEXT NOT NULL,
    ordinal         INTEGER NOT NULL CHECK(ordinal >= 1),
    value           TEXT NOT NULL,
    PRIMARY KEY (conversation_id, pii_type, ordinal),
    UNIQUE (conversation_id, pii_type, value)
);

-- Values the user chose to send unmasked in a conversation: the history is scanned again with
-- every request, and a value kept once stays kept in what was already sent.
CREATE TABLE ai_kept_values (
    conversation_id TEXT NOT NULL REFERENCES ai_conversations(id) ON DELETE CASCADE,
    value           TEXT NOT NULL,
    PRIMARY KEY (conversation_id, value)
);

-- Where an incident's 5 Whys stand: the why being worked on and, once found, the root cause.
CREATE TABLE incident_whys (
    issue_id   TEXT PRIMARY KEY REFERENCES issues(id) ON DELETE CASCADE,
    level      INTEGER NOT NULL CHECK(level BETWEEN 1 AND 5),
    root_cause TEXT,
    updated_at TEXT NOT NULL
);

CREATE INDEX ai_conversations_issue ON ai_conversations(issue_id);
CREATE INDEX ai_messages_conversation ON ai_messages(conversation_id, created_at);
