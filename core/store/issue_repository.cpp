#include "core/store/issue_repository.h"

#include <algorithm>

#include "core/error.h"
#include "core/store/database.h"
#include "core/model/incident.h"

namespace tftsr {

namespace {
constexpr const char* kColumns =
    "issues.id, issues.title, issues.description, issues.severity, issues.status, issues.category, issues.source, "
    "issues.created_at, issues.updated_at, issues.resolved_at, issues.assigned_to, issues.tags";

Incident read_issue(const Statement& st) {
  Incident i;
  i.id = st.text(0);
  i.title = st.text(1);
  i.description = st.optional_text(2);
  i.severity = st.text(3);
  i.status = st.text(4);
  i.category = st.optional_text(5);
  i.source = st.optional_text(6);
  i.created_at = st.text(7);
  i.updated_at = st.text(8);
  i.resolved_at = st.optional_text(9);
  i.assigned_to = st.optional_text(10);
  i.tags = st.optional_text(11);
  return i;
}

// Turns free text into an FTS5 query that matches every word as a prefix; user input never
// reaches FTS5's query syntax, so quotes or operators cannot cause a syntax error.
std::string fts_query(const std::string& text) {
  std::string out, word;
  auto flush = [&] {
    if (word.empty()) return;
    if (!out.empty()) out += ' ';
    out += '"' + word + "\"*";
    word.clear();
  };
  for (unsigned char c : text) {
    if (c == '"') continue;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') flush();
    else word += static_cast<char>(c);
  }
  flush();
  return out;
}

struct Query {
  std::string where;
  std::vector<std::string> args;
};

Query build_where(const IncidentFilter& f) {
  Query q;
  auto add = [&](const std::string& clause, const std::string& arg) {
    q.where += q.where.empty() ? " WHERE " : " AND ";
    q.where += clause;
    q.args.push_back(arg);
  };
  if (f.status) add("issues.status = ?", *f.status);
  if (f.severity) add("issues.severity = ?", *f.severity);
  if (f.category) add("issues.category = ?", *f.category);
  if (f.text) {
    std::string m = fts_query(*f.text);
    if (!m.empty()) {
      // The words in the title and description, in one of the incident's documents, in a why or
      // its root cause, or the text of a pattern mined from one of the incident's logs.
      add("(issues.rowid IN (SELECT rowid FROM issues_fts WHERE issues_fts MATCH ?)"
          " OR issues.id IN (SELECT d.issue_id FROM documents d WHERE d.rowid IN"
          " (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?))"
          " OR issues.id IN (SELECT s.issue_id FROM resolution_steps s WHERE s.rowid IN"
          " (SELECT rowid FROM steps_fts WHERE steps_fts MATCH ?))"
          " OR issues.id IN (SELECT w.issue_id FROM incident_whys w WHERE w.rowid IN"
          " (SELECT rowid FROM root_causes_fts WHERE root_causes_fts MATCH ?))"
          " OR issues.id IN (SELECT l.issue_id FROM log_patterns p JOIN log_files l ON l.id = p.log_file_id"
          " WHERE instr(lower(p.template_text), lower(?)) > 0))",
          m);
      q.args.push_back(m);
      q.args.push_back(m);
      q.args.push_back(m);
      q.args.push_back(*f.text);
    }
  }
  return q;
}

const char* order_by(IncidentSort s) {
  switch (s) {
    case IncidentSort::CreatedDesc: return " ORDER BY issues.created_at DESC, issues.id DESC";
    case IncidentSort::CreatedAsc: return " ORDER BY issues.created_at ASC, issues.id ASC";
    case IncidentSort::SeverityAsc: return " ORDER BY issues.severity ASC, issues.updated_at DESC, issues.id DESC";
    case IncidentSort::TitleAsc: return " ORDER BY issues.title COLLATE NOCASE ASC, issues.id ASC";
    case IncidentSort::UpdatedDesc: break;
  }
  return " ORDER BY issues.updated_at DESC, issues.id DESC";
}
}  // namespace

void IssueRepository::insert(const Incident& i) {
  db_.prepare(
         "INSERT INTO issues(id, title, description, severity, status, category, source, created_at, updated_at, "
         "resolved_at, assigned_to, tags) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")
      .bind(1, i.id).bind(2, i.title).bind(3, i.description).bind(4, i.severity).bind(5, i.status)
      .bind(6, i.category).bind(7, i.source).bind(8, i.created_at).bind(9, i.updated_at).bind(10, i.resolved_at)
      .bind(11, i.assigned_to).bind(12, i.tags)
      .run();
}

std::optional<Incident> IssueRepository::find(const std::string& id) {
  auto st = db_.prepare(std::string("SELECT ") + kColumns + " FROM issues WHERE id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return read_issue(st);
}

Incident IssueRepository::get(const std::string& id) {
  auto i = find(id);
  if (!i) throw Error(ErrorKind::NotFound, "no incident with id " + id);
  return *i;
}

void IssueRepository::update(const Incident& i) {
  db_.prepare(
         "UPDATE issues SET title=?, description=?, severity=?, status=?, category=?, source=?, updated_at=?, "
         "resolved_at=?, assigned_to=?, tags=? WHERE id=?")
      .bind(1, i.title).bind(2, i.description).bind(3, i.severity).bind(4, i.status).bind(5, i.category)
      .bind(6, i.source).bind(7, i.updated_at).bind(8, i.resolved_at).bind(9, i.assigned_to).bind(10, i.tags)
      .bind(11, i.id)
      .run();
}

bool IssueRepository::remove(const std::string& id) {
  db_.prepare("DELETE FROM issues WHERE id = ?").bind(1, id).run();
  return db_.changes() > 0;
}

std::vector<Incident> IssueRepository::list(const IncidentFilter& f) {
  Query q = build_where(f);
  std::string sql = std::string("SELECT ") + kColumns + " FROM issues" + q.where + order_by(f.sort);
  if (f.limit > 0) sql += " LIMIT " + std::to_string(f.limit) + " OFFSET " + std::to_string(std::max(0, f.offset));
  auto st = db_.prepare(sql);
  for (std::size_t i = 0; i < q.args.size(); ++i) st.bind(static_cast<int>(i + 1), q.args[i]);
  std::vector<Incident> out;
  while (st.step()) out.push_back(read_issue(st));
  return out;
}

std::int64_t IssueRepository::count(const IncidentFilter& f) {
  Query q = build_where(f);
  return count_where(q.where, q.args);
}

std::int64_t IssueRepository::count_where(const std::string& where_sql, const std::vector<std::string>& args) {
  auto st = db_.prepare("SELECT count(*) FROM issues" + where_sql);
  for (std::size_t i = 0; i < args.size(); ++i) st.bind(static_cast<int>(i + 1), args[i]);
  st.step();
  return st.integer(0);
}

}  // namespace tftsr
