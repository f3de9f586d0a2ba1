-- A template can mix levels ("request done in <*>" 6,000 times at INFO and once at ERROR): keep
-- its lines per level, where its warning-and-worse and its error-and-worse lines start, and its
-- warning and error lines per minute, so that the triage summary ranks, charts and points at the
-- problem lines only instead of every line of a template that has one.
ALTER TABLE log_patterns ADD COLUMN level_counts TEXT;                           -- JSON {"INFO": n, "ERROR": m, ...}
ALTER TABLE log_patterns ADD COLUMN problem_lines INTEGER NOT NULL DEFAULT 0;   -- WARNING, ERROR and CRITICAL lines
ALTER TABLE log_patterns ADD COLUMN first_problem_line INTEGER;
ALTER TABLE log_patterns ADD COLUMN first_problem_time INTEGER;
ALTER TABLE log_patterns ADD COLUMN first_error_line INTEGER;
ALTER TABLE log_patterns ADD COLUMN first_error_time INTEGER;
ALTER TABLE log_patterns ADD COLUMN problem_per_minute TEXT;                     -- JSON [[minute, warnings, errors], ...]
-- The runs stored before lack all of this and cannot be completed from what they kept: drop
-- them, and the logs are mined again the next time their patterns are needed (a log without a
-- run counts as not mined).
DELETE FROM log_patterns;
DELETE FROM log_pattern_runs;
