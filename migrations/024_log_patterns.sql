-- The patterns (templates) mined from each log, kept so that an incident's triage summary and
-- the comparison with earlier incidents read the store instead of mining every log again.
-- A log's text never changes after import, so a log is mined once; its rows go with it.
CREATE TABLE log_pattern_runs (
    log_file_id    TEXT PRIMARY KEY REFERENCES log_files(id) ON DELETE CASCADE,
    mined_at       TEXT NOT NULL,
    line_count     INTEGER NOT NULL,
    template_count INTEGER NOT NULL,
    notices        TEXT            -- JSON array of sentences about limits that were hit, or NULL
);
CREATE TABLE log_patterns (
    log_file_id   TEXT NOT NULL REFERENCES log_pattern_runs(log_file_id) ON DELETE CASCADE,
    template_id   TEXT NOT NULL,   -- the same template in two logs has the same id
    template_text TEXT NOT NULL,
    level         TEXT NOT NULL,   -- ERROR, WARNING, ... or '' when the lines name none
    line_count    INTEGER NOT NULL,
    first_line    INTEGER NOT NULL,
    last_line     INTEGER NOT NULL,
    first_time    INTEGER,         -- seconds since 1970 on the log's clock, when lines carry one
    last_time     INTEGER,
    per_minute    TEXT,            -- JSON [[minute, count], ...] for warnings and worse, else NULL
    PRIMARY KEY (log_file_id, template_id)
);
CREATE INDEX log_patterns_template ON log_patterns(template_id);
