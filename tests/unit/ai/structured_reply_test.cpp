#include <doctest/doctest.h>

#include "core/ai/structured_reply.h"
#include "core/ai/why_progress.h"
#include "core/error.h"

using namespace tftsr;
using namespace tftsr::ai;

TEST_CASE("the fenced block is stripped from the text and parsed") {
  const auto r = parse_structured_reply(
      "The service ran out of file descriptors.\n\nRun `ulimit -n`.\n\n"
      "```json\n{\"why_level\": 2, \"why_question\": \"Why did it run out?\", \"answer\": \"A leak in the pool.\", "
      "\"root_cause\": null}\n```\n  \n");
  CHECK(r.display_text == "The service ran out of file descriptors.\n\nRun `ulimit -n`.");
  REQUIRE(r.block);
  CHECK(r.problem.empty());
  CHECK(r.block->why_level == 2);
  CHECK(r.block->why_question == "Why did it run out?");
  CHECK(r.block->answer == "A leak in the pool.");
  CHECK_FALSE(r.block->root_cause);
}

TEST_CASE("a root cause, a level as text, a block without language tag or fence") {
  auto r = parse_structured_reply("Done.\n```\n{\"why_level\": \"5\", \"why_question\": \"q\", \"answer\": \"a\", "
                                  "\"root_cause\": \"No alert on pool exhaustion.\"}\n```");
  REQUIRE(r.block);
  CHECK(r.block->why_level == 5);
  CHECK(r.block->root_cause == "No alert on pool exhaustion.");
  CHECK(r.display_text == "Done.");

  r = parse_structured_reply("Text first.\n{\"why_level\": 1, \"why_question\": \"Why down?\", \"answer\": null, \"root_cause\": \"null\"}");
  REQUIRE(r.block);
  CHECK(r.display_text == "Text first.");
  CHECK(r.block->why_level == 1);
  CHECK_FALSE(r.block->answer);
  CHECK_FALSE(r.block->root_cause);  // "null" as text means none
}

TEST_CASE("no block: the text stays whole and the level is left alone, with a reason") {
  const auto r = parse_structured_reply("Just a plain answer from a small model.\n");
  CHECK_FALSE(r.block);
  CHECK(r.display_text == "Just a plain answer from a small model.");
  CHECK(r.problem == "the reply does not end with the 5-Whys block, so the why level stays where it was");
}

TEST_CASE("an ordinary code block at the end is part of the answer") {
  const std::string reply = "Run this:\n```bash\ndf -h /var\n```";
  const auto r = parse_structured_reply(reply);
  CHECK_FALSE(r.block);
  CHECK(r.display_text == reply);
}

TEST_CASE("malformed blocks never throw and are still hidden") {
  for (const char* reply : {"A\n```json\n{\"why_level\": 2, \"answer\": \"x\",}\n```",
                            "A\n```json\n{\"why_level\": 9}\n```",
                            "A\n```json\n[\"why_level\", 1]\n```",
                            "A\n```json\n{\"why_level\": 2.5}\n```",
                            "A\n```json\n{\"why_level\": null, \"root_cause\": null}\n```",
                            "A\n```json\n{\"why_level\": \"\xFF\"}\n```"}) {
    CAPTURE(reply);
    StructuredReply r;
    CHECK_NOTHROW(r = parse_structured_reply(reply));
    CHECK_FALSE(r.block);
    CHECK(r.display_text == "A");
    CHECK_FALSE(r.problem.empty());
  }
  CHECK(parse_structured_reply("A\n```json\n{\"why_level\": 2, \"answer\": \"x\",}\n```").problem ==
        "the 5-Whys block at the end of the reply is not valid JSON");
  CHECK(parse_structured_reply("A\n```json\n{\"why_level\": 9}\n```").problem ==
        "the 5-Whys block names why_level 9, which is not 1 to 5");
  CHECK_NOTHROW(parse_structured_reply(""));
  CHECK_NOTHROW(parse_structured_reply("```"));
  CHECK_NOTHROW(parse_structured_reply("}"));
}

TEST_CASE("while streaming, the start of the block is held back") {
  const std::string text = "Check the pool.\n\n";
  CHECK(displayable_length(text + "```json\n{\"why_level\": 2, \"why_q") == text.size());
  CHECK(displayable_length(text + "``") == text.size());
  CHECK(displayable_length(text + "```json\n{\"why_level\": 2}\n```\n") == std::string("Check the pool.").size());
  const std::string code = "Run:\n```bash\ndf -h\n";
  CHECK(displayable_length(code) == code.size());
  CHECK(displayable_length("plain") == 5);
}

TEST_CASE("WhyProgress: forward only from replies, back only by the user") {
  WhyProgress p;
  CHECK(p.level() == 1);
  auto u = p.apply({1, "Why down?", std::nullopt, std::nullopt});
  CHECK_FALSE(u.level_changed);
  CHECK_FALSE(u.answered);

  u = p.apply({1, "Why down?", std::string("Pool exhausted."), std::nullopt});
  CHECK(u.level_changed);
  REQUIRE(u.answered);
  CHECK(u.answered->level == 1);
  CHECK(u.answered->question == "Why down?");
  CHECK(u.answered->answer == "Pool exhausted.");
  CHECK(p.level() == 2);

  u = p.apply({1, "Why down?", std::string("Something else"), std::nullopt});  // a model that went back
  CHECK(u.ignored_backwards);
  CHECK_FALSE(u.answered);
  CHECK(p.level() == 2);

  u = p.apply({4, "q4", std::nullopt, std::nullopt});  // a model that skips ahead moves us forward
  CHECK(p.level() == 4);

  u = p.apply({5, "q5", std::string("a5"), std::string("No alert on pool size.")});
  CHECK(p.level() == 5);
  CHECK(u.root_cause_reached);
  CHECK(p.root_cause_found());
  CHECK(p.root_cause() == "No alert on pool size.");
  u = p.apply({5, "q5", std::string("a5"), std::string("Another")});
  CHECK_FALSE(u.root_cause_reached);
  CHECK(p.root_cause() == "No alert on pool size.");

  p.set_level(2);  // the user goes back: the search for the root cause reopens
  CHECK(p.level() == 2);
  CHECK_FALSE(p.root_cause_found());
  CHECK_THROWS_WITH(p.set_level(6), "why level 6 is out of range: use 1 to 5");
  CHECK_THROWS_AS(WhyProgress(0), Error);
}
