-- Search-as-you-type matches every word as a prefix: a prefix index keeps that fast on large
-- incident lists. Same columns as the seed's index; the sync triggers of 015 keep working.
DROP TABLE issues_fts;
CREATE VIRTUAL TABLE issues_fts USING fts5(
    id UNINDEXED,
    title,
    description,
    content='issues',
    content_rowid='rowid',
    prefix='2 3'
);
INSERT INTO issues_fts(issues_fts) VALUES ('rebuild');
