-- How each integration signs in (the seed's integration_config has no room for it), the OAuth
-- refresh token next to the sealed access token, and what was created remotely for an incident.
ALTER TABLE integration_config ADD COLUMN auth_kind TEXT NOT NULL DEFAULT 'token'
    CHECK(auth_kind IN ('token','oauth'));
ALTER TABLE integration_config ADD COLUMN oauth_client_id TEXT;
ALTER TABLE integration_config ADD COLUMN oauth_authorize_url TEXT;
ALTER TABLE integration_config ADD COLUMN oauth_token_url TEXT;
ALTER TABLE integration_config ADD COLUMN oauth_scope TEXT;
ALTER TABLE integration_config ADD COLUMN oauth_redirect_port INTEGER NOT NULL DEFAULT 0;

-- AES-256-GCM like encrypted_token; NULL for tokens that cannot be refreshed.
ALTER TABLE credentials ADD COLUMN encrypted_refresh_token TEXT;

-- A page or ticket created from an incident. Written as 'pending' in the same transaction as the
-- audit entry of the request that creates it, so nothing is created remotely without a record;
-- 'done' once the service answered with its id, 'failed' with the reason otherwise.
CREATE TABLE integration_links (
    id TEXT PRIMARY KEY,
    issue_id TEXT NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
    document_id TEXT REFERENCES documents(id) ON DELETE SET NULL,
    doc_type TEXT,
    service TEXT NOT NULL CHECK(service IN ('confluence','servicenow','azuredevops')),
    kind TEXT NOT NULL CHECK(kind IN ('page','ticket')),
    status TEXT NOT NULL CHECK(status IN ('pending','done','failed')),
    remote_id TEXT,
    remote_key TEXT,
    url TEXT,
    remote_version INTEGER,
    space_key TEXT,
    error TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX idx_integration_links_issue ON integration_links(issue_id);
CREATE INDEX idx_integration_links_document ON integration_links(service, document_id);
