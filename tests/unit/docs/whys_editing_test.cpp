// The 5-Whys editor's operations in the core: insert, move and remove whys (the levels close up),
// unlink evidence, and the text of linked log lines (redacted once the log is).
#include <doctest/doctest.h>

#include "core/error.h"
#include "tests/unit/docs/docs_fixture.h"

using namespace tftsr;
using tftsr::test::DocsFixture;

namespace {
std::vector<std::string> questions(Triage& t, const std::string& incident) {
  std::vector<std::string> out;
  int expected = 1;
  for (const ResolutionStep& s : t.incidents().steps(incident)) {
    CHECK(s.step_order == expected++);
    out.push_back(s.why_question);
  }
  return out;
}
}  // namespace

TEST_CASE("whys are inserted, moved and removed, and the levels stay 1..n") {
  DocsFixture f;
  Triage& t = *f.triage;
  Incident i = t.incidents().create({"outage", "P2", {}, {}});
  t.incidents().insert_step(i.id, 1, "B?");
  t.incidents().insert_step(i.id, 1, "A?");
  const ResolutionStep c = t.incidents().insert_step(i.id, 3, "C?");
  CHECK(questions(t, i.id) == std::vector<std::string>{"A?", "B?", "C?"});
  CHECK_THROWS_WITH(t.incidents().insert_step(i.id, 5, "E?"), doctest::Contains("positions 1 to 4"));
  CHECK_THROWS_WITH(t.incidents().insert_step(i.id, 2, " "), doctest::Contains("must not be empty"));

  t.incidents().move_step(c.id, 1);
  CHECK(questions(t, i.id) == std::vector<std::string>{"C?", "A?", "B?"});
  t.incidents().move_step(c.id, 3);
  CHECK(questions(t, i.id) == std::vector<std::string>{"A?", "B?", "C?"});
  CHECK_THROWS_WITH(t.incidents().move_step(c.id, 4), doctest::Contains("positions 1 to 3"));

  t.incidents().insert_step(i.id, 4, "D?");
  t.incidents().insert_step(i.id, 2, "A2?");
  CHECK(questions(t, i.id) == std::vector<std::string>{"A?", "A2?", "B?", "C?", "D?"});
  CHECK_THROWS_WITH(t.incidents().insert_step(i.id, 1, "F?"), doctest::Contains("five whys already"));

  const std::string b = t.incidents().steps(i.id)[2].id;
  t.incidents().remove_step(b);
  CHECK(questions(t, i.id) == std::vector<std::string>{"A?", "A2?", "C?", "D?"});
  CHECK_THROWS_AS(t.incidents().remove_step(b), Error);

  bool removed_event = false;
  for (const TimelineEvent& e : t.incidents().timeline(i.id)) removed_event |= e.event_type == "step_removed";
  CHECK(removed_event);
}

TEST_CASE("evidence links are removed one by one, and removing a why takes its links") {
  DocsFixture f;
  Triage& t = *f.triage;
  Incident i = f.known_incident();
  const auto steps = t.incidents().steps(i.id);
  const EvidenceLink lines = t.incidents().link_log_lines(steps[0].id, f.log_id, 1, 2);
  t.incidents().link_image(steps[0].id, f.reviewed_image);
  const EvidenceLink other = t.incidents().link_log_lines(steps[1].id, f.log_id, 2, 2);
  REQUIRE(t.incidents().evidence(steps[0].id).size() == 2);

  t.incidents().unlink_evidence(lines.id);
  auto left = t.incidents().evidence(steps[0].id);
  REQUIRE(left.size() == 1);
  CHECK(left[0].image_id == f.reviewed_image);
  CHECK_THROWS_AS(t.incidents().unlink_evidence(lines.id), Error);

  t.incidents().remove_step(steps[1].id);
  CHECK_THROWS_AS(t.incidents().unlink_evidence(other.id), Error);  // went with its why
  CHECK(t.incidents().steps(i.id).size() == 4);
}

TEST_CASE("a line range given backwards is refused as such, one past the end as out of the log") {
  DocsFixture f;
  Triage& t = *f.triage;
  Incident i = f.known_incident();
  const auto steps = t.incidents().steps(i.id);
  CHECK_THROWS_WITH(t.incidents().link_log_lines(steps[0].id, f.log_id, 3, 2),
                    doctest::Contains("lines 3-2 run backwards: give the first line first (2-3)"));
  CHECK_THROWS_WITH(t.incidents().link_log_lines(steps[0].id, f.log_id, 1, 100000), doctest::Contains("are not in"));
  CHECK_THROWS_WITH(t.incidents().link_log_lines(steps[0].id, f.log_id, 0, 1), doctest::Contains("are not in"));
  CHECK(t.incidents().evidence(steps[0].id).empty());
}

TEST_CASE("the lines of a log link read the redacted text once the log is redacted") {
  DocsFixture f;
  Triage& t = *f.triage;
  f.known_incident();
  const LogLines both = t.logs().lines(f.log_id, 1, 2);
  CHECK(both.redacted);
  REQUIRE(both.lines.size() == 2);
  CHECK(both.lines[0].find("carol@example.org") == std::string::npos);
  CHECK(both.lines[0].find("pool exhausted") != std::string::npos);
  CHECK(both.lines[1] == "2026-11-30T10:00:01Z payment_api WARN retrying");
  CHECK(t.logs().lines(f.log_id, 2, 9).lines.size() == 1);  // past the end: left out
  CHECK(t.logs().lines(f.log_id, 5, 9).lines.empty());
  CHECK_THROWS_AS(t.logs().lines(f.log_id, 2, 1), Error);

  // Before redaction the original text is what there is.
  test::write_file(f.dir / "plain.log", "one\r\ntwo\nthree");
  Incident other = t.incidents().create({"other", "P3", {}, {}});
  LogFile plain = t.logs().add(other.id, f.dir / "plain.log");
  const LogLines p = t.logs().lines(plain.id, 1, 3);
  CHECK_FALSE(p.redacted);
  CHECK(p.lines == std::vector<std::string>{"one", "two", "three"});
}

TEST_CASE("search finds an incident by a word only in its document, a why or its root cause") {
  DocsFixture f;
  Triage& t = *f.triage;
  Incident doc_only = t.incidents().create({"First outage", "P2", {}, {}});
  Incident why_only = t.incidents().create({"Second outage", "P2", {}, {}});
  Incident cause_only = t.incidents().create({"Third outage", "P3", {}, {}});
  auto ids = [&](const std::string& q) {
    std::vector<std::string> out;
    for (const Incident& i : t.incidents().search(q)) out.push_back(i.id);
    return out;
  };
  CHECK(ids("zeppelin").empty());

  const Document d = t.documents().generate(doc_only.id, "rca");
  t.documents().save(d.id, d.content_md + "\nThe zeppelin cache stalled.\n");
  CHECK(ids("zeppelin") == std::vector<std::string>{doc_only.id});
  CHECK(ids("zepp") == std::vector<std::string>{doc_only.id});  // as you type
  t.documents().save(d.id, d.content_md);  // the word is gone from the text: no longer found
  CHECK(ids("zeppelin").empty());

  const ResolutionStep s = t.incidents().add_step(why_only.id, 1, "Why did the queue back up?");
  t.incidents().update_step(s.id, StepPatch{.answer = std::string("the marmalade consumer was stuck")});
  CHECK(ids("marmalade") == std::vector<std::string>{why_only.id});
  CHECK(ids("queue") == std::vector<std::string>{why_only.id});
  t.incidents().remove_step(s.id);
  CHECK(ids("marmalade").empty());

  t.incidents().set_root_cause(cause_only.id, "an expired quokka certificate");
  CHECK(ids("quokka") == std::vector<std::string>{cause_only.id});
  t.incidents().set_root_cause(cause_only.id, "an expired certificate");
  CHECK(ids("quokka").empty());

  // Deleting the incident leaves nothing behind in the indexes.
  t.documents().save(d.id, d.content_md + "\nwombat\n");
  t.incidents().remove(doc_only.id);
  CHECK(ids("wombat").empty());
  CHECK(ids("outage").size() == 2);
}
