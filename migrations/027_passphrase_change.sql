-- A passphrase change between its commits (see core/triage_passphrase.cpp): at most one row. Written
-- under the old key before the re-key, so that whichever passphrase the database opens with after a
-- crash, what it needs is in it: 'prepared' holds the new secrets salt, a value sealed under the new
-- secrets key (which passphrase opened the store tells whether the re-key happened) and every
-- secret sealed again under that key; 'swapped' says the secrets are in place and the audit anchor
-- may still have to be signed under the new key, over the anchor as it was before the change.
CREATE TABLE passphrase_change (
    id INTEGER PRIMARY KEY CHECK(id = 1),
    stage TEXT NOT NULL CHECK(stage IN ('prepared', 'swapped')),
    secret_salt TEXT NOT NULL,
    key_check TEXT NOT NULL,
    resign_anchor INTEGER NOT NULL CHECK(resign_anchor IN (0, 1)),
    old_anchor TEXT,
    anchor_count INTEGER,
    anchor_hash TEXT
);

-- The secrets sealed under the new key, by the table, column and row they replace.
CREATE TABLE passphrase_change_secrets (
    table_name TEXT NOT NULL,
    column_name TEXT NOT NULL,
    row_id TEXT NOT NULL,
    sealed TEXT NOT NULL,
    PRIMARY KEY (table_name, column_name, row_id)
);
