// The chat service end to end: a real store, the outbound gate, libcurl, and a loopback server
// speaking OpenAI's streamed format.
#include <doctest/doctest.h>

#include <atomic>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/crypto/sha256.h"
#include "core/net/network_error.h"
#include "tests/unit/chat/chat_fixture.h"
#include "tests/unit/images/image_fixtures.h"

using namespace tftsr;
using namespace tftsr::test;
using nlohmann::json;

namespace {
json last_body(const ChatFixture& f) { return json::parse(f.server.requests().back().body); }
// The text of the last user turn the provider received.
std::string last_user_turn(const ChatFixture& f) {
  const json body = last_body(f);
  return body["messages"].back()["content"].get<std::string>();
}
}  // namespace

TEST_CASE("a chat streams the reply, stores both messages with token counts, and sends the domain prompt") {
  ChatFixture f({openai_stream("The pool is exhausted.", 5)});
  std::vector<std::string> seen;
  ChatEvents events;
  events.on_text = [&](std::string_view so_far) { seen.emplace_back(so_far); };
  const ChatOutcome out = f.t->ai().send(f.draft("Why is checkout failing?"), events);

  CHECK(out.reply.text == "The pool is exhausted.");
  CHECK_FALSE(out.reply.cut_off);
  CHECK(out.error.empty());
  REQUIRE(seen.size() >= 3);  // the text arrived in pieces, each a longer prefix
  CHECK(seen.front().size() < seen.back().size());
  CHECK(seen.back() == "The pool is exhausted.");

  const json body = last_body(f);
  CHECK(body["model"] == "gpt-test");
  CHECK(body["stream"] == true);
  CHECK(body["messages"][0]["role"] == "system");
  // The incident's domain is databases: its expert prompt leads the system message.
  CHECK(body["messages"][0]["content"].get<std::string>().find("database") != std::string::npos);
  CHECK(body["messages"][1]["content"] == "Why is checkout failing?");

  const auto messages = f.t->ai().messages(out.conversation_id);
  REQUIRE(messages.size() == 2);
  CHECK(messages[0].role == "user");
  CHECK(messages[1].role == "assistant");
  CHECK(messages[1].completion_tokens == 40);
  CHECK(messages[1].prompt_tokens == 120);
}

TEST_CASE("the preview is exactly what is sent: same body hash, nothing sent by the preview") {
  ChatFixture f;
  const ChatPreview p = f.t->ai().preview(f.draft("Mail to ann@corp.example bounced"));
  CHECK(f.server.requests().empty());
  CHECK(p.masked == 1);
  REQUIRE(p.findings.size() == 1);
  CHECK(p.findings[0].placeholder == "[Email_1]");
  CHECK(p.findings[0].part == "message");
  CHECK(p.host == "127.0.0.1");
  const ChatOutcome out = f.t->ai().send(f.draft("Mail to ann@corp.example bounced"));
  CHECK(out.sent_sha256 == p.sha256);
  CHECK(sha256_hex(f.server.requests().back().body) == p.sha256);
}

TEST_CASE("placeholders are numbered per conversation: the same value keeps its number, replies are restored") {
  ChatFixture f({openai_stream("[Email_1] and [Email_2] both failed at [Ipv4_1]."), openai_stream("ok")});
  const ChatOutcome first = f.t->ai().send(f.draft("ann@corp.example fails from 10.20.30.40"));
  CHECK(last_user_turn(f) == "[Email_1] fails from [Ipv4_1]");
  f.t->ai().send(f.draft("bob@corp.example too, and ann@corp.example again"));
  CHECK(last_user_turn(f) == "[Email_2] too, and [Email_1] again");
  // Shown here with the values put back; what the model saw stays available.
  const auto messages = f.t->ai().messages(first.conversation_id);
  CHECK(messages[1].text == "ann@corp.example and bob@corp.example both failed at 10.20.30.40.");
  CHECK(messages[1].sent_text == "[Email_1] and [Email_2] both failed at [Ipv4_1].");
  CHECK(messages[0].text == "ann@corp.example fails from 10.20.30.40");
  CHECK(messages[0].sent_text == "[Email_1] fails from [Ipv4_1]");
}

TEST_CASE("a value the user keeps goes out as it is, and stays kept in the history") {
  ChatFixture f({openai_stream("noted")});
  ChatDraft d = f.draft("host db-07.corp.example answers from 10.1.2.3");
  d.keeps = {"10.1.2.3"};
  f.t->ai().send(d);
  CHECK(last_user_turn(f).find("10.1.2.3") != std::string::npos);
  f.t->ai().send(f.draft("and now?"));
  const json body = last_body(f);
  CHECK(body["messages"][1]["content"].get<std::string>().find("10.1.2.3") != std::string::npos);
}

TEST_CASE("history is sent with each request and trimmed from the oldest turn to fit the budget") {
  ChatFixture f({openai_stream(std::string(3000, 'r'))});
  f.t->settings().set("ai.context_budget_bytes", "20000");
  for (int i = 0; i < 6; ++i) f.t->ai().send(f.draft("question " + std::to_string(i) + " " + std::string(3000, 'q')));
  const json body = last_body(f);
  const auto& messages = body["messages"];
  CHECK(messages[0]["role"] == "system");  // never dropped
  CHECK(messages[1]["role"] == "user");    // a trimmed history still starts with the user
  CHECK(messages.size() < 12);             // 1 system + 5 pairs + the new turn = 12 when nothing is dropped
  CHECK(messages.back()["content"].get<std::string>().rfind("question 5", 0) == 0);
  const ChatPreview p = f.t->ai().preview(f.draft("one more"));
  CHECK(p.history_messages_dropped > 0);
  CHECK(p.body.size() < 20000 + 2000);  // the budget, plus the JSON around the text
}

TEST_CASE("regenerate replaces the last reply with a new answer to the same message") {
  ChatFixture f({openai_stream("first answer"), openai_stream("second answer")});
  const ChatOutcome first = f.t->ai().send(f.draft("why?"));
  const ChatOutcome again = f.t->ai().regenerate(first.conversation_id);
  CHECK(again.reply.text == "second answer");
  CHECK(last_user_turn(f) == "why?");
  const auto messages = f.t->ai().messages(first.conversation_id);
  REQUIRE(messages.size() == 2);
  CHECK(messages[1].text == "second answer");
}

TEST_CASE("Stop ends a slow reply quickly and keeps what arrived, marked cut off") {
  ChatFixture f({openai_stream(std::string(400, 'x'), 10, 100)});
  std::atomic<bool> stop{false};
  ChatEvents events;
  events.on_text = [&](std::string_view so_far) {
    if (so_far.size() >= 30) stop = true;
  };
  events.cancelled = [&] { return stop.load(); };
  const ChatOutcome out = f.t->ai().send(f.draft("go"), events);
  CHECK(out.reply.cut_off);
  CHECK(out.reply.text.size() >= 30);
  CHECK(out.reply.text.size() < 400);
  CHECK_FALSE(out.error.empty());
  const auto messages = f.t->ai().messages(out.conversation_id);
  REQUIRE(messages.size() == 2);
  CHECK(messages[1].cut_off);
}

TEST_CASE("an error in the middle of the stream keeps the text so far and says what went wrong") {
  ScriptedReply reply = openai_stream("partial text ", 4, 0, false);
  reply.pieces.push_back({0, R"(data: {"error":{"message":"The server had an error","type":"server_error"}})"
                             "\n\n"});
  reply.ending = ScriptedReply::Ending::Complete;
  ChatFixture f({reply});
  const ChatOutcome out = f.t->ai().send(f.draft("go"));
  CHECK(out.reply.text == "partial text");
  CHECK(out.reply.cut_off);
  CHECK(out.error.find("The server had an error") != std::string::npos);
}

TEST_CASE("a connection closed mid-reply keeps the text, cut off") {
  ChatFixture f({openai_stream("half of a rep", 4, 0, false)});
  const ChatOutcome out = f.t->ai().send(f.draft("go"));
  CHECK(out.reply.text == "half of a rep");
  CHECK(out.reply.cut_off);
  CHECK_FALSE(out.error.empty());
}

TEST_CASE("no reply at all (HTML page, network down) stores no message and says why") {
  SUBCASE("HTML instead of a stream") {
    ChatFixture f({ScriptedReply::html(200, "<html><body>Please sign in to the proxy</body></html>")});
    CHECK_THROWS_WITH_AS(f.t->ai().send(f.draft("hello")), doctest::Contains("HTML"), Error);
    CHECK(f.t->ai().conversations(f.incident).empty());
    CHECK(f.t->audit().entries({}).size() >= 1);  // the attempt is audited all the same
  }
  SUBCASE("nobody listening") {
    ChatFixture f;
    f.server.stop();
    try {
      f.t->ai().send(f.draft("hello"));
      FAIL("the send should fail");
    } catch (const net::NetworkError& e) {
      CHECK(e.failure() == net::NetworkFailure::Unreachable);
    }
    CHECK(f.t->ai().conversations(f.incident).empty());
  }
  SUBCASE("wrong key") {
    ChatFixture f({ScriptedReply::json(401, R"({"error":{"message":"Incorrect API key provided"}})")});
    CHECK_THROWS_WITH_AS(f.t->ai().send(f.draft("hello")), doctest::Contains("API key"), Error);
  }
}

TEST_CASE("a reviewed log goes out as its redacted text, an unreviewed one with every finding masked") {
  ChatFixture f({openai_stream("seen")});
  const std::string text = "boot ok\nERROR login failed for carol@corp.example from 10.9.8.7\nshutdown\n";
  const std::string reviewed = f.add_log("reviewed.log", text);
  f.t->logs().scan(reviewed);
  f.t->logs().set_finding_action(reviewed, "keep", std::nullopt, std::string("Ipv4"));
  f.t->logs().apply_redactions(reviewed);
  const std::string unreviewed = f.add_log("unreviewed.log", text);

  ChatDraft d = f.draft("what happened?");
  d.log_ids = {reviewed, unreviewed};
  const ChatOutcome out = f.t->ai().send(d);
  const std::string turn = last_user_turn(f);
  CHECK(turn.find("carol@corp.example") == std::string::npos);
  CHECK(turn.find("--- Log \"reviewed.log\"") != std::string::npos);
  CHECK(turn.find("not reviewed yet, every finding masked") != std::string::npos);
  // The reviewer kept the address in the reviewed log: it goes out there, and only there.
  const auto reviewed_at = turn.find("reviewed.log");
  const auto unreviewed_at = turn.find("unreviewed.log");
  CHECK(turn.find("10.9.8.7") > reviewed_at);
  CHECK(turn.find("10.9.8.7") < unreviewed_at);
  CHECK(turn.find("10.9.8.7", unreviewed_at) == std::string::npos);

  const auto messages = f.t->ai().messages(out.conversation_id);
  REQUIRE(messages[0].attachments.size() == 2);
  CHECK(messages[0].attachments[0].name == "reviewed.log");
  CHECK(messages[0].text == "what happened?");
}

TEST_CASE("a large log is sent as its error lines with context, within the budget, and says what was cut") {
  ChatFixture f({openai_stream("seen")});
  f.t->settings().set("ai.context_budget_bytes", "40000");
  std::string text;
  for (int i = 0; i < 5000; ++i) {
    text += "2026-11-30 10:00:00 INFO request " + std::to_string(i) + " served in 12 ms\n";
    if (i == 2500) text += "2026-11-30 10:00:00 ERROR connection pool exhausted (max 50)\n";
  }
  ChatDraft d = f.draft("look");
  d.log_ids = {f.add_log("big.log", text)};
  const ChatPreview p = f.t->ai().preview(d);
  REQUIRE(p.attachments.size() == 1);
  CHECK(p.attachments[0].note.find("7 of 5,001 lines") != std::string::npos);
  f.t->ai().send(d);
  const std::string turn = last_user_turn(f);
  CHECK(turn.find("connection pool exhausted") != std::string::npos);
  CHECK(turn.find("request 2498 ") != std::string::npos);  // context before
  CHECK(turn.find("request 10 ") == std::string::npos);
}

TEST_CASE("an image goes only once acknowledged, as its burned-in PNG — a refused send writes nothing") {
  ChatFixture f({openai_stream("I see a dashboard.")});
  const std::string image = f.t->images().add_bytes(f.incident, "shot.bmp", to_bmp(solid_image(8, 6, 200, 30, 30)), false).image.id;
  ChatDraft d = f.draft("see screenshot");
  d.image_ids = {image};
  CHECK_THROWS_WITH_AS(f.t->ai().send(d), doctest::Contains("has not been reviewed"), Error);
  CHECK(f.server.requests().empty());
  CHECK(f.t->ai().conversations(f.incident).empty());

  f.t->images().acknowledge(image);
  const ChatOutcome out = f.t->ai().send(d);
  const json body = last_body(f);
  CHECK(body.dump().find("data:image/png;base64,") != std::string::npos);
  const auto messages = f.t->ai().messages(out.conversation_id);
  REQUIRE(messages[0].attachments.size() == 1);
  CHECK(messages[0].attachments[0].kind == "image");
  CHECK(messages[0].attachments[0].bytes_sent > 0);
}

TEST_CASE("bad input: no provider, empty message, a log of another incident") {
  TempDir dir;
  auto t = Triage::open(dir.path() / "data", "pw");
  const std::string incident = t->incidents().create({"x", "P3", {}, {}}).id;
  CHECK_THROWS_WITH_AS(t->ai().send({incident, {}, "hi", {}, {}, {}}), doctest::Contains("no AI provider is active"),
                       Error);
  ChatFixture f;
  CHECK_THROWS_WITH_AS(f.t->ai().send(f.draft("  \n")), doctest::Contains("the message is empty"), Error);
  const std::string other = f.t->incidents().create({"other", "P3", {}, {}}).id;
  std::ofstream(f.dir.path() / "o.log") << "x\n";
  const std::string log = f.t->logs().add(other, f.dir.path() / "o.log").id;
  ChatDraft d = f.draft("hi");
  d.log_ids = {log};
  CHECK_THROWS_WITH_AS(f.t->ai().send(d), doctest::Contains("belongs to another incident"), Error);
  CHECK(f.server.requests().empty());
}

TEST_CASE("a reply over the size limit is cut off there with a message — memory stays bounded") {
  // 9 MB of text against the 8 MB bound on a reply: the transfer stops at the bound.
  std::vector<BodyPiece> pieces;
  const std::string chunk(64 * 1024, 'z');
  for (int i = 0; i < 144; ++i)
    pieces.push_back({0, "data: " + json{{"choices", {{{"delta", {{"content", chunk}}}}}}}.dump() + "\n\n"});
  pieces.push_back({0, "data: [DONE]\n\n"});
  ChatFixture f({ScriptedReply::streamed(std::move(pieces))});
  const ChatOutcome out = f.t->ai().send(f.draft("go"));
  CHECK(out.reply.cut_off);
  CHECK(out.reply.text.size() <= 8u * 1024 * 1024);
  CHECK(out.reply.text.size() >= 7u * 1024 * 1024);
  INFO(out.error);
  CHECK(out.error.find("8 MiB") != std::string::npos);
}

TEST_CASE("invalid UTF-8 in a reply is replaced, stored and shown") {
  // The invalid bytes are split across two reads, inside the JSON string.
  std::vector<BodyPiece> pieces = {{0, std::string("data: {\"choices\":[{\"delta\":{\"content\":\"caf\xC3")},
                                   {0, std::string("\xA9 \xFF\xFE ok\"}}]}\n\n")},
                                   {0, "data: [DONE]\n\n"}};
  ChatFixture f({ScriptedReply::streamed(std::move(pieces))});
  const ChatOutcome out = f.t->ai().send(f.draft("go"));
  CHECK(out.reply.text.rfind("caf\xC3\xA9 ", 0) == 0);
  CHECK(out.reply.text.find("ok") != std::string::npos);
  CHECK(out.reply.text.find('\xFF') == std::string::npos);
  CHECK(f.t->ai().messages(out.conversation_id).at(1).text == out.reply.text);
}

TEST_CASE("a regenerate that gets no reply keeps the old one") {
  ChatFixture f({openai_stream("the first answer"), ScriptedReply::json(401, R"({"error":{"message":"key revoked"}})")});
  const ChatOutcome first = f.t->ai().send(f.draft("why?"));
  CHECK_THROWS_AS(f.t->ai().regenerate(first.conversation_id), Error);
  const auto messages = f.t->ai().messages(first.conversation_id);
  REQUIRE(messages.size() == 2);
  CHECK(messages[1].text == "the first answer");
}

TEST_CASE("a log larger than the read piece is excerpted across pieces with exact offsets") {
  ChatFixture f({openai_stream("seen")});
  f.t->settings().set("ai.context_budget_bytes", "40000");
  std::string text;
  int i = 0;
  while (text.size() < 9u << 20) {
    text += "2026-11-30 10:00:00 INFO request " + std::to_string(i) + " served\n";
    if (i == 30000 || i == 200000) text += "2026-11-30 10:00:00 ERROR disk full on /var (" + std::to_string(i) + ")\n";
    ++i;
  }
  ChatDraft d = f.draft("look");
  d.log_ids = {f.add_log("huge.log", text)};
  f.t->ai().send(d);  // the gate checks each piece against the log's text at its offset
  const std::string turn = last_user_turn(f);
  CHECK(turn.find("disk full on /var (30000)") != std::string::npos);
  CHECK(turn.find("disk full on /var (200000)") != std::string::npos);
  CHECK(turn.find("request 200002 served") != std::string::npos);
}

TEST_CASE("a wrong key or model is named with the provider's own words") {
  ChatFixture f({ScriptedReply::json(404, R"({"error":{"message":"The model `gpt-nope` does not exist","type":"invalid_request_error"}})")});
  CHECK_THROWS_WITH_AS(f.t->ai().send(f.draft("hello")), doctest::Contains("The model `gpt-nope` does not exist"), Error);
}

TEST_CASE("a log sent as its pattern summary: templates with counts, values masked, the size saved said") {
  ChatFixture f({openai_stream("seen"), openai_stream("again")});
  std::string text;
  for (int i = 0; i < 3000; ++i) {
    text += "2026-11-30 10:" + std::string(i / 60 < 10 ? "0" : "") + std::to_string(i / 60 % 60) +
            ":00 INFO request " + std::to_string(i) + " from 10.20." + std::to_string(i % 200) + ".7 served in 12 ms\n";
    if (i % 500 == 0) text += "2026-11-30 10:00:00 ERROR login failed for dave@corp.example: bad password\n";
  }
  ChatDraft d = f.draft("what is going on?");
  d.log_ids = {f.add_log("app.log", text)};
  d.logs_as_patterns = true;
  const ChatPreview p = f.t->ai().preview(d);
  REQUIRE(p.attachments.size() == 1);
  CHECK(p.attachments[0].note.find("pattern summary") != std::string::npos);
  CHECK(p.attachments[0].note.find("instead of") != std::string::npos);
  CHECK(p.attachments[0].bytes_sent < static_cast<std::int64_t>(text.size()) / 20);

  f.t->ai().send(d);
  const std::string turn = last_user_turn(f);
  CHECK(turn.find("3000x INFO") != std::string::npos);
  CHECK(turn.find("request <*> from <*> served in <*>") != std::string::npos);
  CHECK(turn.find("6x ERROR") != std::string::npos);
  // The gate scans the summary too: the address in the error template never leaves.
  CHECK(turn.find("dave@corp.example") == std::string::npos);
  CHECK(turn.find("10.20.") == std::string::npos);
  CHECK(turn.find("request 2998 ") == std::string::npos);

  // The summary is kept with the log: the next send reads it back instead of mining again.
  f.t->ai().send(d);
  CHECK(last_user_turn(f).find("request <*> from <*> served in <*>") != std::string::npos);
}
