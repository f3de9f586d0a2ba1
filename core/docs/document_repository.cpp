#include "core/docs/document_repository.h"

#include "core/error.h"
#include "core/store/database.h"

namespace tftsr {

namespace {
// The version is the row's rank among the incident's documents of its type, by creation.
constexpr const char* kSelect =
    "SELECT d.id, d.issue_id, d.doc_type, d.title, d.content_md, d.created_at, d.updated_at, "
    "(SELECT COUNT(*) FROM documents o WHERE o.issue_id = d.issue_id AND o.doc_type = d.doc_type AND "
    "(o.created_at < d.created_at OR (o.created_at = d.created_at AND o.id <= d.id))) "
    "FROM documents d";

Document read_document(const Statement& st) {
  Document d;
  d.id = st.text(0);
  d.issue_id = st.text(1);
  d.doc_type = st.text(2);
  d.title = st.text(3);
  d.content_md = st.text(4);
  d.created_at = st.integer(5);
  d.updated_at = st.integer(6);
  d.version = static_cast<int>(st.integer(7));
  return d;
}
}  // namespace

void DocumentRepository::insert(const Document& d) {
  db_.prepare(
         "INSERT INTO documents(id, issue_id, doc_type, title, content_md, created_at, updated_at) "
         "VALUES (?,?,?,?,?,?,?)")
      .bind(1, d.id).bind(2, d.issue_id).bind(3, d.doc_type).bind(4, d.title).bind(5, d.content_md)
      .bind(6, d.created_at).bind(7, d.updated_at)
      .run();
}

std::optional<Document> DocumentRepository::find(const std::string& id) {
  auto st = db_.prepare(std::string(kSelect) + " WHERE d.id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return read_document(st);
}

Document DocumentRepository::get(const std::string& id) {
  auto d = find(id);
  if (!d) throw Error(ErrorKind::NotFound, "no document with id " + id);
  return *d;
}

std::vector<Document> DocumentRepository::for_issue(const std::string& issue_id) {
  auto st = db_.prepare(std::string(kSelect) + " WHERE d.issue_id = ? ORDER BY d.created_at, d.id");
  st.bind(1, issue_id);
  std::vector<Document> out;
  while (st.step()) out.push_back(read_document(st));
  return out;
}

void DocumentRepository::update_content(const std::string& id, const std::string& content_md,
                                        std::int64_t updated_at) {
  db_.prepare("UPDATE documents SET content_md = ?, updated_at = ? WHERE id = ?")
      .bind(1, content_md).bind(2, updated_at).bind(3, id)
      .run();
}

int DocumentRepository::count_of_type(const std::string& issue_id, const std::string& doc_type) {
  auto st = db_.prepare("SELECT COUNT(*) FROM documents WHERE issue_id = ? AND doc_type = ?");
  st.bind(1, issue_id).bind(2, doc_type);
  st.step();
  return static_cast<int>(st.integer(0));
}

}  // namespace tftsr
