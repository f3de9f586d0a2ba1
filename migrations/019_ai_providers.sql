-- AI providers, one row each, at most one active. The API key is stored only sealed by the
-- store's secret box (base64 of nonce || ciphertext || tag): the CHECK refuses anything that is
-- not base64 of at least one sealed byte, so a plaintext key ("sk-...") cannot be written here
-- by mistake.
CREATE TABLE ai_providers (
    id                TEXT PRIMARY KEY,
    name              TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK(length(trim(name)) > 0),
    kind              TEXT NOT NULL CHECK(kind IN ('openai', 'azure-openai', 'anthropic', 'gemini', 'mistral',
                                                  'ollama', 'custom-rest')),
    url               TEXT NOT NULL CHECK(url LIKE 'http://%' OR url LIKE 'https://%'),
    model             TEXT NOT NULL CHECK(length(model) > 0),
    encrypted_api_key TEXT CHECK(encrypted_api_key IS NULL OR
                                 (length(encrypted_api_key) >= 40 AND
                                  encrypted_api_key NOT GLOB '*[^A-Za-z0-9+/=]*')),
    max_tokens        INTEGER NOT NULL CHECK(max_tokens BETWEEN 1 AND 1000000),
    temperature       REAL NOT NULL CHECK(temperature BETWEEN 0 AND 2),
    auth_header       TEXT NOT NULL DEFAULT '',
    auth_prefix       TEXT NOT NULL DEFAULT '',
    endpoint_path     TEXT NOT NULL DEFAULT '',
    api_version       TEXT NOT NULL DEFAULT '',
    is_active         INTEGER NOT NULL DEFAULT 0 CHECK(is_active IN (0, 1)),
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);
CREATE UNIQUE INDEX ai_providers_one_active ON ai_providers(is_active) WHERE is_active = 1;

-- What a conversation needs beyond the seed: which configured provider it talks to (the seed's
-- provider/model text stays as a record of what was used), the token counts the provider
-- reported for each message (NULL when it reported none; the seed's token_count is kept), and
-- whether a reply was cut off (cancelled, connection lost, over the size limit).
ALTER TABLE ai_conversations ADD COLUMN provider_id TEXT REFERENCES ai_providers(id) ON DELETE SET NULL;
ALTER TABLE ai_messages ADD COLUMN prompt_tokens INTEGER;
ALTER TABLE ai_messages ADD COLUMN completion_tokens INTEGER;
ALTER TABLE ai_messages ADD COLUMN cut_off INTEGER NOT NULL DEFAULT 0 CHECK(cut_off IN (0, 1));
