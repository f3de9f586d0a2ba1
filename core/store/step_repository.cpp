#include "core/store/step_repository.h"

#include "core/store/database.h"

namespace tftsr {

namespace {
constexpr const char* kSelect =
    "SELECT id, issue_id, step_order, why_question, answer, evidence, created_at FROM resolution_steps";

ResolutionStep read_step(const Statement& st) {
  ResolutionStep s;
  s.id = st.text(0);
  s.issue_id = st.text(1);
  s.step_order = static_cast<int>(st.integer(2));
  s.why_question = st.text(3);
  s.answer = st.optional_text(4);
  s.evidence = st.optional_text(5);
  s.created_at = st.text(6);
  return s;
}
}  // namespace

void StepRepository::insert(const ResolutionStep& s) {
  db_.prepare(
         "INSERT INTO resolution_steps(id, issue_id, step_order, why_question, answer, evidence, created_at) "
         "VALUES (?,?,?,?,?,?,?)")
      .bind(1, s.id).bind(2, s.issue_id).bind(3, s.step_order).bind(4, s.why_question).bind(5, s.answer)
      .bind(6, s.evidence).bind(7, s.created_at)
      .run();
}

std::optional<ResolutionStep> StepRepository::find(const std::string& id) {
  auto st = db_.prepare(std::string(kSelect) + " WHERE id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return read_step(st);
}

void StepRepository::update(const ResolutionStep& s) {
  db_.prepare("UPDATE resolution_steps SET why_question=?, answer=?, evidence=? WHERE id=?")
      .bind(1, s.why_question).bind(2, s.answer).bind(3, s.evidence).bind(4, s.id)
      .run();
}

std::vector<ResolutionStep> StepRepository::for_issue(const std::string& issue_id) {
  auto st = db_.prepare(std::string(kSelect) + " WHERE issue_id = ? ORDER BY step_order, created_at, id");
  st.bind(1, issue_id);
  std::vector<ResolutionStep> out;
  while (st.step()) out.push_back(read_step(st));
  return out;
}

void StepRepository::set_order(const std::string& id, int step_order) {
  db_.prepare("UPDATE resolution_steps SET step_order=? WHERE id=?").bind(1, step_order).bind(2, id).run();
}

void StepRepository::remove(const std::string& id) {
  db_.prepare("DELETE FROM resolution_steps WHERE id=?").bind(1, id).run();
}

}  // namespace tftsr
