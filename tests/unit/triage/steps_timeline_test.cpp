#include <doctest/doctest.h>

#include "core/error.h"
#include "core/triage.h"
#include "tests/support/temp_dir.h"

using namespace tftsr;

TEST_CASE("5-Whys steps are validated, added, updated and listed in order") {
  test::TempDir dir;
  auto t = Triage::open(dir.path(), "pw");
  Incident i = t->incidents().create({"outage", "P1", {}, {}});
  t->incidents().add_step(i.id, 2, "Why did the pool run dry?", std::string("a leak"));
  ResolutionStep s1 = t->incidents().add_step(i.id, 1, "Why did requests fail?");
  CHECK_FALSE(s1.answer);

  CHECK_THROWS_WITH(t->incidents().add_step(i.id, 7, "x"), doctest::Contains("step 7 is out of range"));
  CHECK_THROWS_WITH(t->incidents().add_step(i.id, 0, "x"), doctest::Contains("out of range"));
  CHECK_THROWS_WITH(t->incidents().add_step(i.id, 1, "again"), doctest::Contains("already exists"));
  CHECK_THROWS_WITH(t->incidents().add_step(i.id, 3, "  "), doctest::Contains("must not be empty"));
  CHECK_THROWS_AS(t->incidents().add_step("missing", 3, "x"), Error);

  ResolutionStep u = t->incidents().update_step(s1.id, StepPatch{.answer = std::string("pool exhausted"),
                                                    .evidence = std::string("app.log line 1200")});
  CHECK(u.answer == "pool exhausted");
  CHECK(u.why_question == "Why did requests fail?");
  CHECK_THROWS_AS(t->incidents().update_step("missing", StepPatch{}), Error);

  auto steps = t->incidents().steps(i.id);
  REQUIRE(steps.size() == 2);
  CHECK(steps[0].step_order == 1);
  CHECK(steps[0].evidence == "app.log line 1200");
  CHECK(steps[1].answer == "a leak");
  CHECK(t->incidents().get(i.id).resolution_steps.size() == 2);
}

TEST_CASE("every change to an incident adds a timeline event") {
  test::TempDir dir;
  auto t = Triage::open(dir.path(), "pw");
  Incident i = t->incidents().create({"outage", "P2", {}, {}});
  t->incidents().update(i.id, IncidentPatch{.status = "investigating"});
  t->incidents().update(i.id, IncidentPatch{.severity = "P1"});
  t->incidents().update(i.id, IncidentPatch{.title = "bigger outage", .category = "kubernetes"});
  t->incidents().update(i.id, IncidentPatch{.severity = "P1"});  // no change: no event
  auto s = t->incidents().add_step(i.id, 1, "Why?");
  t->incidents().update_step(s.id, StepPatch{.answer = std::string("because")});
  t->incidents().add_note(i.id, "paged the DBA");
  CHECK_THROWS_AS(t->incidents().add_note(i.id, " "), Error);

  std::vector<std::string> types;
  for (const auto& e : t->incidents().timeline(i.id)) types.push_back(e.event_type);
  CHECK(types == std::vector<std::string>{"created", "status_changed", "severity_changed", "updated", "updated",
                                          "step_added", "step_updated", "note"});
  auto tl = t->incidents().timeline(i.id);
  CHECK(tl[1].summary == "Status open → investigating");
  CHECK(tl[2].summary == "Severity P2 → P1");
  CHECK(tl.back().summary == "paged the DBA");
}
