-- The versions of an incident's documents, listed and numbered per type.
CREATE INDEX documents_issue ON documents(issue_id, doc_type, created_at);
