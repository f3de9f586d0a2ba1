#include "core/store/evidence_repository.h"

#include "core/store/database.h"

namespace tftsr {

namespace {
constexpr const char* kSelect =
    "SELECT e.id, e.step_id, e.log_id, e.first_line, e.last_line, e.image_id, e.created_at, "
    "COALESCE(l.file_name, i.file_name, '') FROM step_evidence e "
    "JOIN resolution_steps s ON s.id = e.step_id "
    "LEFT JOIN log_files l ON l.id = e.log_id LEFT JOIN image_attachments i ON i.id = e.image_id";

EvidenceLink read_link(const Statement& st) {
  EvidenceLink e;
  e.id = st.text(0);
  e.step_id = st.text(1);
  e.log_id = st.optional_text(2);
  e.first_line = st.is_null(3) ? 0 : st.integer(3);
  e.last_line = st.is_null(4) ? 0 : st.integer(4);
  e.image_id = st.optional_text(5);
  e.created_at = st.text(6);
  e.file_name = st.text(7);
  return e;
}

std::vector<EvidenceLink> read_all(Statement& st) {
  std::vector<EvidenceLink> out;
  while (st.step()) out.push_back(read_link(st));
  return out;
}
}  // namespace

void EvidenceRepository::insert(const EvidenceLink& e) {
  auto st = db_.prepare(
      "INSERT INTO step_evidence(id, step_id, log_id, first_line, last_line, image_id, created_at) VALUES (?,?,?,?,?,?,?)");
  st.bind(1, e.id).bind(2, e.step_id).bind(3, e.log_id);
  if (e.log_id) st.bind(4, e.first_line).bind(5, e.last_line);
  else st.bind_null(4).bind_null(5);
  st.bind(6, e.image_id).bind(7, e.created_at).run();
}

std::vector<EvidenceLink> EvidenceRepository::for_step(const std::string& step_id) {
  auto st = db_.prepare(std::string(kSelect) + " WHERE e.step_id = ? ORDER BY e.created_at, e.id");
  st.bind(1, step_id);
  return read_all(st);
}

std::vector<EvidenceLink> EvidenceRepository::for_issue(const std::string& issue_id) {
  auto st = db_.prepare(std::string(kSelect) + " WHERE s.issue_id = ? ORDER BY s.step_order, e.created_at, e.id");
  st.bind(1, issue_id);
  return read_all(st);
}

std::optional<EvidenceLink> EvidenceRepository::find(const std::string& id) {
  auto st = db_.prepare(std::string(kSelect) + " WHERE e.id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return read_link(st);
}

void EvidenceRepository::remove(const std::string& id) {
  db_.prepare("DELETE FROM step_evidence WHERE id=?").bind(1, id).run();
}

}  // namespace tftsr
