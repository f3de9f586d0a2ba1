// The AI chat and the provider settings, driven like a user against a loopback server that speaks
// OpenAI's streaming wire format (server-sent events), over real HTTP through the gate.
#include <doctest/doctest.h>

#include <GLFW/glfw3.h>
#include <nlohmann/json.hpp>

#include "app/gui/views/chat_view.h"
#include "app/gui/views/settings_view.h"
#include "tests/fakes/loopback_http_server.h"
#include "tests/support/ui_driver/ui_fixture.h"

using namespace tftsr;
using namespace tftsr::gui;
using namespace tftsr::gui::test;
using tftsr::test::BodyPiece;
using tftsr::test::LoopbackHttpServer;
using tftsr::test::ScriptedReply;

namespace {

std::string sse(const nlohmann::json& event) { return "data: " + event.dump() + "\n\n"; }

// One OpenAI chat.completion.chunk carrying `text`.
BodyPiece delta(std::string text, int delay_ms = 0) {
  nlohmann::json d;
  d["content"] = std::move(text);
  nlohmann::json choice;
  choice["index"] = 0;
  choice["delta"] = d;
  nlohmann::json chunk;
  chunk["object"] = "chat.completion.chunk";
  chunk["choices"] = nlohmann::json::array({choice});
  return {delay_ms, sse(chunk)};
}

// The end of a reply: finish_reason, the usage chunk, [DONE].
std::vector<BodyPiece> ending(int delay_ms = 0) {
  nlohmann::json stop;
  stop["choices"] = nlohmann::json::array({nlohmann::json{{"index", 0}, {"delta", nlohmann::json::object()}, {"finish_reason", "stop"}}});
  nlohmann::json usage;
  usage["choices"] = nlohmann::json::array();
  usage["usage"] = nlohmann::json{{"prompt_tokens", 321}, {"completion_tokens", 12}, {"total_tokens", 333}};
  return {{delay_ms, sse(stop)}, {0, sse(usage)}, {0, "data: [DONE]\n\n"}};
}

ScriptedReply reply(std::vector<BodyPiece> pieces, bool complete = true) {
  if (complete)
    for (auto& p : ending()) pieces.push_back(std::move(p));
  return ScriptedReply::streamed(std::move(pieces));
}

Incident seed(UiFixture& f, const std::string& title) {
  NewIncident in;
  in.title = title;
  in.severity = "P2";
  auto incident = f.shell->state().triage->incidents().create(in);
  f.shell->state().changed();
  return incident;
}

// A provider added through the service, and the first-use notice already read: for the tests
// about the chat itself.
void add_provider(UiFixture& f, const LoopbackHttpServer& server) {
  ai::ProviderConfig c;
  c.name = "Loopback";
  c.kind = ai::ProviderKind::OpenAi;
  c.url = server.url("/v1");
  c.model = "gpt-test";
  c.api_key = "sk-loopback-0000";
  Triage& t = *f.shell->state().triage;
  t.ai().add_provider(c);
  t.settings().set(ChatView::kNoticeSetting, "1");
  f.shell->state().changed();
}

ChatView& open_chat(UiFixture& f, const Incident& incident) {
  f.shell->state().open_tab({"incident", incident.id});
  f.ui->frame(3);
  f.ui->click("incident.ai_chat");
  f.ui->frame(2);
  auto* view = f.shell->find_view<ChatView>(incident.id);
  REQUIRE(view);
  return *view;
}

// Imports `text` as a log of the incident, as the log import would.
void add_log(UiFixture& f, const Incident& incident, const std::string& name, const std::string& text) {
  const auto path = f.dir / name;
  tftsr::test::write_file(path, text);
  f.shell->state().triage->logs().add(incident.id, path);
  f.shell->state().changed();
}

void type_message(UiFixture& f, const std::string& text) {
  f.ui->click("chat.input");
  f.ui->type(text);
}

}  // namespace

TEST_CASE("a provider added in settings chats: the e-mail is masked before it leaves, the reply streams in") {
  LoopbackHttpServer server({reply({delta("## Findings\n\n"), delta("The relay **rejects** mail for ", 30),
                                    delta("[Email_1]", 30), delta(":\n\n- check `main.cf`\n- retry\n", 30)})});
  UiFixture f;
  f.wait_unlocked();
  auto incident = seed(f, "Mail relay rejects messages");

  // Settings: add the provider through the form.
  f.shell->run(Command::Settings);
  f.ui->frame(3);
  f.ui->click("settings.ai_providers");
  f.ui->click("ai.add_provider");
  f.ui->click("ai.form.name");
  f.ui->type("Loopback");
  f.ui->click("ai.form.url");
  f.ui->press(GLFW_KEY_A, /*ctrl=*/true);  // the kind's default URL is selected and typed over
  f.ui->type(server.url("/v1"));
  f.ui->click("ai.form.model");
  f.ui->type("gpt-test");
  f.ui->click("ai.form.key");
  f.ui->type("sk-typed-in-9876");
  f.ui->click("ai.form.save");
  auto* settings = f.shell->find_view<SettingsView>();
  REQUIRE(settings);
  CHECK(settings->providers().form_error().empty());
  auto providers = f.shell->state().triage->ai().providers();
  REQUIRE(providers.size() == 1);
  CHECK(providers[0].config.url == server.url("/v1"));
  CHECK(providers[0].config.model == "gpt-test");
  CHECK(providers[0].masked_api_key.find("9876") != std::string::npos);
  CHECK(providers[0].masked_api_key.find("sk-typed") == std::string::npos);
  f.ui->frame(2);
  CHECK(f.ui->has("ai.provider:Loopback"));

  // The chat: the first-use notice, then the draft's preview.
  ChatView& chat = open_chat(f, incident);
  REQUIRE(f.ui->has("chat.notice_ok"));
  f.ui->click("chat.notice_ok");
  CHECK(f.shell->state().triage->settings().get(ChatView::kNoticeSetting).has_value());
  type_message(f, "Mail to jane.doe@example.com bounces with 554");
  REQUIRE(f.ui->frames_until([&] { return !chat.previewing() && !chat.preview_line().empty(); }));
  CHECK(chat.preview_line() == "1 finding will be masked");
  CHECK(f.ui->has("chat.masked"));
  CHECK(server.requests().empty());  // the preview sends nothing

  // Enter sends; the reply streams in and is stored.
  f.ui->press(GLFW_KEY_ENTER);
  CHECK(chat.streaming());
  REQUIRE(f.ui->frames_until([&] { return !chat.streaming(); }, 15000));
  INFO("error: " << chat.error());
  REQUIRE(chat.messages().size() == 2);
  CHECK(chat.messages()[0].text == "Mail to jane.doe@example.com bounces with 554");
  CHECK(chat.messages()[0].sent_text.find("jane.doe@example.com") == std::string::npos);
  const ChatMessage& answer = chat.messages()[1];
  CHECK(answer.text.find("rejects** mail for jane.doe@example.com") != std::string::npos);  // restored here
  CHECK(answer.sent_text.find("[Email_1]") != std::string::npos);
  CHECK_FALSE(answer.cut_off);
  CHECK(answer.completion_tokens == std::optional<std::int64_t>(12));
  CHECK(chat.error().empty());
  CHECK(f.ui->has("chat.message:1"));
  CHECK(chat.streamed_text().find("rejects") != std::string::npos);  // it was shown while it arrived

  // What reached the server: the placeholder, never the address.
  auto requests = server.requests();
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].target == "/v1/chat/completions");
  CHECK(requests[0].body.find("jane.doe@example.com") == std::string::npos);
  CHECK(requests[0].body.find("[Email_1]") != std::string::npos);
  CHECK(requests[0].header("Authorization") == std::optional<std::string>("Bearer sk-typed-in-9876"));
}

TEST_CASE("Stop during a slow reply keeps what arrived, marked as cut off") {
  LoopbackHttpServer server({reply({delta("First part of the answer."), delta(" More later.", 4000)})});
  UiFixture f;
  f.wait_unlocked();
  auto incident = seed(f, "Disk fills up");
  add_provider(f, server);
  ChatView& chat = open_chat(f, incident);
  type_message(f, "Why does /var fill up?");
  f.ui->press(GLFW_KEY_ENTER);
  REQUIRE(f.ui->frames_until([&] { return chat.streamed_text() == "First part of the answer."; }));
  REQUIRE(f.ui->has("chat.stop"));
  const auto before = std::chrono::steady_clock::now();
  f.ui->click("chat.stop");
  REQUIRE(f.ui->frames_until([&] { return !chat.streaming(); }, 3000));
  CHECK(std::chrono::steady_clock::now() - before < std::chrono::milliseconds(2000));
  REQUIRE(chat.messages().size() == 2);
  CHECK(chat.messages()[1].text == "First part of the answer.");
  CHECK(chat.messages()[1].cut_off);
  CHECK(f.ui->has("chat.cut_off:1"));
  CHECK(chat.error().find("stopped") != std::string::npos);
  CHECK(chat.why().level == 1);  // a cut-off reply does not move the 5 Whys
}

TEST_CASE("Esc stops a reply too") {
  LoopbackHttpServer server({reply({delta("Looking."), delta(" Still looking.", 4000)})});
  UiFixture f;
  f.wait_unlocked();
  auto incident = seed(f, "VPN drops");
  add_provider(f, server);
  ChatView& chat = open_chat(f, incident);
  type_message(f, "Tunnels drop every hour");
  f.ui->press(GLFW_KEY_ENTER);
  REQUIRE(f.ui->frames_until([&] { return chat.streamed_text() == "Looking."; }));
  f.ui->press(GLFW_KEY_ESCAPE);
  REQUIRE(f.ui->frames_until([&] { return !chat.streaming(); }, 3000));
  REQUIRE(chat.messages().size() == 2);
  CHECK(chat.messages()[1].cut_off);
}

TEST_CASE("a reply ending with a 5-Whys block moves the progress to the next why — the user can move it back") {
  LoopbackHttpServer server(
      {reply({delta("The queue consumer stopped.\n\n"),
              delta("```json\n{\"why_level\":1,\"why_question\":\"Why?\",\"answer\":\"Because.\",\"root_cause\":null}\n```\n")})});
  UiFixture f;
  f.wait_unlocked();
  auto incident = seed(f, "Orders stuck");
  add_provider(f, server);
  ChatView& chat = open_chat(f, incident);
  CHECK(chat.why().level == 1);
  type_message(f, "Orders stay in the queue");
  f.ui->press(GLFW_KEY_ENTER);
  REQUIRE(f.ui->frames_until([&] { return !chat.streaming(); }, 15000));
  INFO("error: " << chat.error() << " hint: " << chat.hint());
  REQUIRE(chat.messages().size() == 2);
  CHECK(chat.messages()[1].text.find("why_level") == std::string::npos);  // the block is not shown
  CHECK(chat.messages()[1].sent_text.find("why_level") != std::string::npos);
  CHECK(chat.why().level == 2);
  auto detail = f.shell->state().triage->incidents().get(incident.id);
  REQUIRE(detail.resolution_steps.size() == 1);
  CHECK(detail.resolution_steps[0].answer == std::optional<std::string>("Because."));

  // Moving back by clicking Why 1.
  f.ui->click("chat.why:1");
  CHECK(chat.why().level == 1);
  CHECK(f.shell->state().triage->ai().why_state(incident.id).level == 1);
}

TEST_CASE("keeping a finding sends that value as it is") {
  LoopbackHttpServer server({reply({delta("Noted.")})});
  UiFixture f;
  f.wait_unlocked();
  auto incident = seed(f, "Login fails");
  add_provider(f, server);
  ChatView& chat = open_chat(f, incident);
  type_message(f, "Only ops@example.org is affected");
  REQUIRE(f.ui->frames_until([&] { return !chat.previewing() && chat.preview_line() == "1 finding will be masked"; }));
  f.ui->click("chat.findings");
  REQUIRE(f.ui->has("chat.keep:0"));
  f.ui->click("chat.keep:0");
  REQUIRE(f.ui->frames_until([&] { return !chat.previewing() && chat.preview_line() == "0 findings will be masked, 1 kept as is"; }));
  f.ui->click("chat.send");
  REQUIRE(f.ui->frames_until([&] { return !chat.streaming(); }, 15000));
  auto requests = server.requests();
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].body.find("ops@example.org") != std::string::npos);
}

TEST_CASE("without a provider the chat points to the settings") {
  UiFixture f;
  f.wait_unlocked();
  auto incident = seed(f, "Printer offline");
  open_chat(f, incident);
  REQUIRE(f.ui->has("chat.open_settings"));
  f.ui->click("chat.open_settings");
  CHECK(f.shell->find_view<SettingsView>() != nullptr);
  f.ui->frame(2);
  CHECK(f.ui->has("ai.add_provider"));  // on the AI providers section
}

TEST_CASE("the provider form shows the service's validation message and keeps what was typed") {
  UiFixture f;
  f.wait_unlocked();
  f.shell->run(Command::Settings);
  f.ui->frame(3);
  f.ui->click("settings.ai_providers");
  f.ui->click("ai.add_provider");
  f.ui->click("ai.form.name");
  f.ui->type("Broken");
  f.ui->click("ai.form.url");
  f.ui->press(GLFW_KEY_A, true);
  f.ui->type("api.example.com/v1");  // no scheme
  f.ui->click("ai.form.model");
  f.ui->type("m");
  f.ui->click("ai.form.save");
  auto* settings = f.shell->find_view<SettingsView>();
  REQUIRE(settings);
  CHECK(settings->providers().form_error().find("scheme") != std::string::npos);
  CHECK(f.shell->state().triage->ai().providers().empty());
  CHECK(f.ui->has("ai.form.save"));  // the form stays open with the input
}

TEST_CASE("Test connection reports inline — delete asks first") {
  LoopbackHttpServer server({ScriptedReply::json(
      200, R"({"object":"chat.completion","model":"gpt-test","choices":[{"index":0,"message":{"role":"assistant","content":"OK"},"finish_reason":"stop"}]})")});
  UiFixture f;
  f.wait_unlocked();
  add_provider(f, server);
  f.shell->run(Command::Settings);
  f.ui->frame(3);
  f.ui->click("settings.ai_providers");
  auto* settings = f.shell->find_view<SettingsView>();
  REQUIRE(settings);
  f.ui->click("ai.test:Loopback");
  REQUIRE(f.ui->frames_until([&] { return settings->providers().test_result("Loopback").has_value(); }, 10000));
  auto result = *settings->providers().test_result("Loopback");
  INFO(result.message);
  CHECK(result.ok);
  CHECK(f.ui->has("ai.test_result:Loopback"));

  f.ui->click("ai.delete:Loopback");
  REQUIRE(f.ui->has("ai.confirm_delete"));
  CHECK(f.shell->state().triage->ai().providers().size() == 1);
  f.ui->click("ai.confirm_delete");
  CHECK(f.shell->state().triage->ai().providers().empty());
}

TEST_CASE("the command opens the chat of the selected incident") {
  UiFixture f;
  f.wait_unlocked();
  auto incident = seed(f, "DNS flaps");
  f.shell->state().selected_incident = incident.id;
  f.shell->run(Command::ChatWithAi);
  f.ui->frame(2);
  CHECK(f.shell->find_view<ChatView>(incident.id) != nullptr);
}

TEST_CASE("a log attached from the chat goes out masked — Regenerate replaces the reply") {
  LoopbackHttpServer server({reply({delta("First look.")}), reply({delta("Second look.")})});
  UiFixture f;
  f.wait_unlocked();
  auto incident = seed(f, "Deploy failed");
  add_provider(f, server);
  add_log(f, incident, "deploy.log", "10:00 start\n10:01 ERROR push refused for ci@corp.example\n");
  ChatView& chat = open_chat(f, incident);

  f.ui->click("chat.attach");
  REQUIRE(f.ui->has("chat.attach_log:deploy.log"));
  f.ui->click("chat.attach_log:deploy.log");
  f.ui->press(GLFW_KEY_ESCAPE);  // closes the popup
  type_message(f, "What failed?");
  REQUIRE(f.ui->frames_until([&] { return !chat.previewing() && chat.preview_line() == "1 finding will be masked"; }));
  f.ui->click("chat.send");
  REQUIRE(f.ui->frames_until([&] { return !chat.streaming(); }, 15000));
  REQUIRE(server.requests().size() == 1);
  CHECK(server.requests()[0].body.find("push refused for [Email_1]") != std::string::npos);
  CHECK(server.requests()[0].body.find("ci@corp.example") == std::string::npos);
  REQUIRE(chat.messages().size() == 2);
  REQUIRE(chat.messages()[0].attachments.size() == 1);
  CHECK(chat.messages()[0].attachments[0].name == "deploy.log");

  REQUIRE(f.ui->has("chat.regenerate"));
  f.ui->click("chat.regenerate");
  REQUIRE(f.ui->frames_until([&] { return !chat.streaming() && chat.messages().size() == 2 &&
                                          chat.messages()[1].text == "Second look."; }, 15000));
  CHECK(server.requests().size() == 2);
}

TEST_CASE("Analyze logs shows summary, severity and the first why, and offers to start the 5 Whys with it") {
  const std::string block =
      "```json\n{\"summary\":\"The registry refused the push.\",\"key_findings\":[\"403 from the registry\"],"
      "\"severity\":\"high\",\"why_level\":1,\"why_question\":\"Why did the registry refuse the push?\","
      "\"answer\":null,\"root_cause\":null}\n```\n";
  LoopbackHttpServer server({reply({delta("Looked at it.\n\n"), delta(block)})});
  UiFixture f;
  f.wait_unlocked();
  auto incident = seed(f, "Deploy failed");
  add_provider(f, server);
  add_log(f, incident, "deploy.log", "10:01 ERROR push refused: 403\n");
  ChatView& chat = open_chat(f, incident);

  f.ui->click("chat.analyze");
  REQUIRE(f.ui->has("chat.analyze_log:deploy.log"));
  f.ui->click("chat.analyze_log:deploy.log");
  f.ui->click("chat.analyze_run");
  REQUIRE(f.ui->frames_until([&] { return chat.analysis().has_value(); }, 15000));
  CHECK(chat.analysis()->severity == "P2");
  CHECK(chat.analysis()->summary == "The registry refused the push.");
  CHECK(chat.analysis()->first_why == "Why did the registry refuse the push?");
  f.ui->frame(2);
  REQUIRE(f.ui->has("chat.start_whys"));
  f.ui->click("chat.start_whys");
  CHECK(chat.why().level == 1);
}

TEST_CASE("Analyze logs can send the pattern summaries instead of the lines, and says the size saved") {
  const std::string block =
      "```json\n{\"summary\":\"Pushes are refused.\",\"key_findings\":[\"403\"],\"severity\":\"low\",\"why_level\":1,"
      "\"why_question\":\"Why are pushes refused?\",\"answer\":null,\"root_cause\":null}\n```\n";
  LoopbackHttpServer server({reply({delta("Looked.\n\n"), delta(block)})});
  UiFixture f;
  f.wait_unlocked();
  auto incident = seed(f, "Deploy failed");
  add_provider(f, server);
  std::string text;
  for (int i = 0; i < 800; ++i)
    text += "2026-11-30 10:00:00 INFO pushed layer " + std::to_string(i) + " in " + std::to_string(i % 30) + " ms\n";
  text += "2026-11-30 10:00:01 ERROR push refused: 403\n";
  add_log(f, incident, "deploy.log", text);
  ChatView& chat = open_chat(f, incident);

  f.ui->click("chat.analyze");
  REQUIRE(f.ui->has("chat.analyze_as_patterns"));
  f.ui->click("chat.analyze_log:deploy.log");
  f.ui->click("chat.analyze_as_patterns");
  f.ui->click("chat.analyze_run");
  REQUIRE(f.ui->frames_until([&] { return chat.analysis().has_value(); }, 15000));
  REQUIRE(server.requests().size() == 1);
  const std::string body = server.requests()[0].body;  // requests() returns a copy
  CHECK(body.find("pushed layer <*>") != std::string::npos);
  CHECK(body.find("pushed layer 799 ") == std::string::npos);
  REQUIRE(chat.analysis()->logs.size() == 1);
  CHECK(chat.analysis()->logs[0].note.find("instead of") != std::string::npos);
  f.ui->frame(2);
  CHECK(f.ui->has("chat.analysis_note:deploy.log"));
}
