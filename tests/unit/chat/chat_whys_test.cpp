// The 5 Whys the model guides: the level only moves forward from replies, answered whys become
// resolution steps, a root cause completes them; and "Analyze logs".
#include <doctest/doctest.h>

#include "tests/unit/chat/chat_fixture.h"

using namespace tftsr;
using namespace tftsr::test;

namespace {
bool has_event(Triage& t, const std::string& incident, const std::string& type) {
  for (const auto& e : t.incidents().timeline(incident))
    if (e.event_type == type) return true;
  return false;
}
}  // namespace

TEST_CASE("answered whys become steps, the level moves forward only, a root cause completes the 5 Whys") {
  ChatFixture f({openai_stream(with_why_block("Checking.", 1, "Why did checkout fail?")),
                 openai_stream(with_why_block("It was the pool.", 1, "Why did checkout fail?", "The DB pool was exhausted.")),
                 openai_stream(with_why_block("Going back.", 1, "Why did checkout fail?")),
                 openai_stream(with_why_block("Found it.", 2, "Why was the pool exhausted?", "A leak in v2.3.",
                                              "Connections leaked by the v2.3 retry loop."))});
  ChatOutcome out = f.t->ai().send(f.draft("start"));
  CHECK(out.reply.text == "Checking.");  // the block is not shown
  CHECK(out.why.level == 1);
  CHECK(f.t->incidents().steps(f.incident).empty());

  out = f.t->ai().send(f.draft("the pool had 50/50 in use"));
  CHECK(out.why.level == 2);
  CHECK(out.why_advanced);
  auto steps = f.t->incidents().steps(f.incident);
  REQUIRE(steps.size() == 1);
  CHECK(steps[0].step_order == 1);
  CHECK(steps[0].why_question == "Why did checkout fail?");
  CHECK(steps[0].answer == "The DB pool was exhausted.");

  out = f.t->ai().send(f.draft("hmm"));
  CHECK(out.why.level == 2);  // a reply naming an earlier why does not move it back
  CHECK(out.hint.find("earlier why") != std::string::npos);

  out = f.t->ai().send(f.draft("v2.3 added retries"));
  CHECK(out.root_cause_reached);
  CHECK(out.why.complete());
  CHECK(out.why.root_cause == "Connections leaked by the v2.3 retry loop.");
  CHECK(f.t->incidents().steps(f.incident).size() == 2);
  CHECK(has_event(*f.t, f.incident, "root_cause_found"));
  CHECK(f.t->ai().why_state(f.incident).complete());

  // Only the user moves back, and moving back reopens the search.
  const WhyState back = f.t->ai().set_why_level(f.incident, 1);
  CHECK(back.level == 1);
  CHECK_FALSE(back.complete());
  CHECK(has_event(*f.t, f.incident, "why_level_set"));
  CHECK_THROWS_AS(f.t->ai().set_why_level(f.incident, 6), Error);
}

TEST_CASE("a reply without the block (a weak local model) leaves the level and gives a hint") {
  ChatFixture f({openai_stream("I think it is the network."),
                 openai_stream("Broken block.\n\n```json\n{\"why_level\": 2, \"why_question\": \n```\n")});
  ChatOutcome out = f.t->ai().send(f.draft("why?"));
  CHECK(out.why.level == 1);
  CHECK_FALSE(out.hint.empty());
  out = f.t->ai().send(f.draft("why?"));
  CHECK(out.why.level == 1);
  CHECK(out.hint.find("not valid JSON") != std::string::npos);
}

TEST_CASE("a cut-off reply does not move the 5 Whys") {
  ChatFixture f({openai_stream(with_why_block("Done.", 1, "Why?", "Because."), 8, 0, false)});
  const ChatOutcome out = f.t->ai().send(f.draft("why?"));
  CHECK(out.reply.cut_off);
  CHECK(out.why.level == 1);
  CHECK(f.t->incidents().steps(f.incident).empty());
}

TEST_CASE("Analyze logs: summary, findings, severity mapped to P1-P4 and the first why") {
  const std::string reply =
      "The database refused connections from 10:02.\n\n```json\n"
      R"({"summary": "Connection pool exhausted on [Hostname_1] at 10:02.", "key_findings": ["pool 50/50 in use", "timeouts after 30 s"], "severity": "high", "why_level": 1, "why_question": "Why was the pool exhausted?", "answer": null, "root_cause": null})"
      "\n```";
  ChatFixture f({openai_stream(reply)});
  const std::string log =
      f.add_log("app.log", "10:01 ok\n10:02 ERROR pool exhausted on db-07.corp.example\n10:03 ERROR timeout\n");
  const LogAnalysis a = f.t->ai().analyze(f.incident, {log});
  CHECK(a.severity == "P2");
  REQUIRE(a.key_findings.size() == 2);
  CHECK(a.key_findings[0] == "pool 50/50 in use");
  CHECK(a.first_why == "Why was the pool exhausted?");
  CHECK(a.problem.empty());
  REQUIRE(a.logs.size() == 1);
  CHECK(a.logs[0].note.find("all 3 lines") != std::string::npos);
  // The log went out masked; the summary comes back with the value restored.
  const std::string sent = f.all_bodies();
  CHECK(sent.find("db-07.corp.example") == std::string::npos);
  CHECK(a.summary.find("db-07.corp.example") != std::string::npos);
  CHECK_THROWS_AS(f.t->ai().analyze(f.incident, {}), Error);
}

TEST_CASE("Analyze logs can send the logs' pattern summaries instead of excerpts, through the gate") {
  const std::string reply =
      "Logins fail.\n\n```json\n"
      R"({"summary": "Logins fail for one user.", "key_findings": ["bad password"], "severity": "low", "why_level": 1, "why_question": "Why do logins fail?", "answer": null, "root_cause": null})"
      "\n```";
  ChatFixture f({openai_stream(reply)});
  std::string text;
  for (int i = 0; i < 2000; ++i) {
    text += "2026-11-30 10:00:" + std::string(i % 60 < 10 ? "0" : "") + std::to_string(i % 60) + " INFO request " +
            std::to_string(i) + " served in " + std::to_string(i % 40) + " ms\n";
    if (i % 400 == 0) text += "2026-11-30 10:00:00 ERROR login failed for dave@corp.example: bad password\n";
  }
  const std::string log = f.add_log("app.log", text);
  const LogAnalysis a = f.t->ai().analyze(f.incident, {log}, {}, {}, /*logs_as_patterns=*/true);
  CHECK(a.summary == "Logins fail for one user.");
  REQUIRE(a.logs.size() == 1);
  CHECK(a.logs[0].note.find("pattern summary") != std::string::npos);
  CHECK(a.logs[0].note.find("instead of") != std::string::npos);  // the size saved
  CHECK(a.logs[0].bytes_sent < static_cast<std::int64_t>(text.size()) / 20);
  const std::string sent = f.all_bodies();
  CHECK(sent.find("request <*> served in <*>") != std::string::npos);
  CHECK(sent.find("2000x INFO") != std::string::npos);
  // No line of the log itself, and the gate masked the address in the error template.
  CHECK(sent.find("request 1999 served") == std::string::npos);
  CHECK(sent.find("request 17 served") == std::string::npos);
  CHECK(sent.find("dave@corp.example") == std::string::npos);
}
