// Laying out a chat for the gate and putting it back together: pure, no store, no network.
#include <doctest/doctest.h>

#include "core/ai/chat_parts.h"
#include "core/ai/conversation_placeholder.h"
#include "core/ai/log_analysis_reply.h"
#include "core/ai/log_excerpt.h"
#include "core/error.h"
#include "core/pii/pii_type.h"

using namespace tftsr;
using namespace tftsr::ai;

namespace {
StoredMessage message(const std::string& role, const std::string& content) {
  StoredMessage m;
  m.role = role;
  m.content = content;
  return m;
}

// The gate's work without the detector: every part's text as it is.
std::vector<net::ClearedPart> as_cleared(const ChatParts& parts) {
  std::vector<net::ClearedPart> out;
  for (const auto& p : parts.parts) out.push_back({p.kind, p.source_id, p.text, p.kind == net::PartKind::Image ? "PNG" : ""});
  return out;
}
}  // namespace

TEST_CASE("chat parts: system, history, message and log pieces in order — assembled into alternating turns") {
  ChatInput in;
  in.system_prompt = "SYS";
  in.history = {message("user", "q1"), message("assistant", "a1"), message("user", "q2 unanswered")};
  in.message = "q3";
  LogToSend log{"L1", "app.log", true, {}};
  log.excerpt.pieces = {{0, "line 1\n"}, {100, "line 9\n"}};
  log.excerpt.note = "2 of 10 lines";
  in.logs = {log};
  in.images = {{"I1", "shot.png"}};
  in.budget_bytes = 100000;
  const ChatParts parts = lay_out_chat(in);
  REQUIRE(parts.parts.size() == 1 + 3 + 1 + 1 + 2 + 1);
  CHECK(parts.labels[0] == "system prompt");
  CHECK(parts.parts[6].kind == net::PartKind::LogExcerpt);
  CHECK(parts.parts[6].offset == 0);
  CHECK(parts.parts[7].offset == 100);
  CHECK(parts.parts[8].kind == net::PartKind::Image);

  const ChatRequest chat = parts.assemble(as_cleared(parts));
  CHECK(chat.system_prompt == "SYS");
  REQUIRE(chat.turns.size() == 3);  // the unanswered q2 joins q3: turns alternate
  CHECK(chat.turns[0].text == "q1");
  CHECK(chat.turns[2].role == ChatRole::User);
  CHECK(chat.turns[2].text ==
        "q2 unanswered\n\nq3\n\n--- Log \"app.log\" (2 of 10 lines) ---\nline 1\n[...]\nline 9\n");
  CHECK(chat.turns[2].images_png == std::vector<std::string>{"PNG"});

  const auto attachments = parts.cleared_attachments(as_cleared(parts));
  REQUIRE(attachments.size() == 2);
  CHECK(attachments[0].text == "line 1\n[...]\nline 9\n");
  CHECK(attachments[1].info.bytes_sent == 3);
  // Stored and read back, a turn renders the way it was sent.
  CHECK(render_user_turn("q3", attachments_from_json(attachments_to_json(attachments))) ==
        "q3\n\n--- Log \"app.log\" (2 of 10 lines) ---\nline 1\n[...]\nline 9\n\n\n"
        "(The image \"shot.png\" was attached to this message.)");
}

TEST_CASE("chat parts: the history is trimmed from the oldest turn and never starts with a reply") {
  ChatInput in;
  in.system_prompt = std::string(100, 's');
  for (int i = 0; i < 10; ++i) {
    in.history.push_back(message("user", std::string(100, 'q')));
    in.history.push_back(message("assistant", std::string(100, 'a')));
  }
  in.message = "new";
  in.budget_bytes = 100 + 3 + 350;  // room for three and a half turns
  const ChatParts parts = lay_out_chat(in);
  const ChatRequest chat = parts.assemble(as_cleared(parts));
  CHECK(parts.history_dropped == 18);  // 3 fit; the oldest of those is a reply, dropped too
  REQUIRE(chat.turns.size() == 3);
  CHECK(chat.turns.front().role == ChatRole::User);
  CHECK(chat.turns.back().text == "new");
}

TEST_CASE("chat parts: regenerating answers the last user turn again, which is never dropped") {
  ChatInput in;
  in.system_prompt = "S";
  in.history = {message("user", "old"), message("assistant", "old reply"), message("user", std::string(500, 'x'))};
  in.has_new_message = false;
  in.budget_bytes = 10;
  const ChatParts parts = lay_out_chat(in);
  const ChatRequest chat = parts.assemble(as_cleared(parts));
  REQUIRE(chat.turns.size() == 1);
  CHECK(chat.turns[0].text.size() == 500);
  in.history.pop_back();
  CHECK_THROWS_AS(lay_out_chat(in), Error);
}

TEST_CASE("log budget: what the system prompt and message leave, a quarter kept for history") {
  CHECK(budget_for_logs(1000, 100, 100, false) == 800);
  CHECK(budget_for_logs(1000, 100, 100, true) == 600);
  CHECK(budget_for_logs(100, 100, 100, true) == 0);
}

TEST_CASE("excerpt: whole when it fits — else error lines with context, in order, within the budget") {
  CHECK(select_excerpt("a\nb\n", 100).whole);
  CHECK(select_excerpt("a\nb\n", 100).note == "all 2 lines");
  std::string text;
  for (int i = 0; i < 100; ++i) text += (i == 50 || i == 80 ? "E" + std::to_string(i) + " ERROR boom\n" : "line " + std::to_string(i) + "\n");
  const LogExcerpt e = select_excerpt(text, 200);
  REQUIRE(e.pieces.size() == 2);
  CHECK(e.pieces[0].text.rfind("line 47\n", 0) == 0);
  CHECK(e.pieces[0].text.find("line 53\n") != std::string::npos);
  CHECK(e.pieces[1].text.find("E80 ERROR boom") != std::string::npos);
  CHECK(text.substr(e.pieces[1].offset, e.pieces[1].text.size()) == e.pieces[1].text);
  CHECK(e.bytes_sent <= 200);
  CHECK(e.note == "14 of 100 lines: error lines with 3 lines of context");
  const LogExcerpt tight = select_excerpt(text, 60);
  CHECK(tight.bytes_sent <= 60);
  CHECK(tight.note.find("cut at the context budget") != std::string::npos);
}

TEST_CASE("excerpt: a log without error lines sends its last lines — nothing when the budget is zero") {
  std::string text;
  for (int i = 0; i < 100; ++i) text += "line " + std::to_string(i) + "\n";
  const LogExcerpt e = select_excerpt(text, 30);
  REQUIRE(e.pieces.size() == 1);
  CHECK(e.pieces[0].text == "line 97\nline 98\nline 99\n");
  CHECK(e.note.find("the last lines") != std::string::npos);
  CHECK(select_excerpt(text, 0).pieces.empty());
}

TEST_CASE("conversation placeholders: numbered per type, stable, restored — unknown tags left alone") {
  ConversationPlaceholder names({{"Email", 1, "a@x.example"}});
  CHECK(names.replacement(pii::PiiType::Email, "a@x.example") == "[Email_1]");
  CHECK(names.replacement(pii::PiiType::Email, "b@x.example") == "[Email_2]");
  CHECK(names.replacement(pii::PiiType::Email, "b@x.example") == "[Email_2]");
  CHECK(names.replacement(pii::PiiType::Ipv4, "10.0.0.1") == "[Ipv4_1]");
  REQUIRE(names.fresh().size() == 2);
  CHECK(names.fresh()[0].value == "b@x.example");
  CHECK(names.restore("[Email_2] at [Ipv4_1], not [Email_9] nor [note] [") == "b@x.example at 10.0.0.1, not [Email_9] nor [note] [");
}

TEST_CASE("analysis reply: fields from the block, severity words mapped — no block keeps the text") {
  const AnalysisReply a = parse_analysis_reply(
      "Text.\n```json\n{\"summary\":\"S\",\"key_findings\":[\"k1\",\"k2\"],\"severity\":\"Critical\",\"why_level\":1,"
      "\"why_question\":\"Why?\",\"answer\":null,\"root_cause\":null}\n```");
  CHECK(a.display_text == "Text.");
  CHECK(a.summary == "S");
  CHECK(a.key_findings == std::vector<std::string>{"k1", "k2"});
  CHECK(a.severity == "P1");
  CHECK(a.first_why == "Why?");
  CHECK(a.problem.empty());
  const AnalysisReply none = parse_analysis_reply("Just prose.");
  CHECK(none.summary == "Just prose.");
  CHECK_FALSE(none.problem.empty());
  CHECK(severity_from_words("sev3") == "P3");
  CHECK(severity_from_words(" Low ") == "P4");
  CHECK(severity_from_words("moderate") == "P3");
  CHECK(severity_from_words("whatever").empty());
}
