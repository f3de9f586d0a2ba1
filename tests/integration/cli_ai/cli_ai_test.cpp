// `tftsr ai provider ...`, `tftsr chat`, `chat history` and `analyze`: the real binary against a
// loopback server speaking OpenAI's streamed format.
#include <doctest/doctest.h>

#include <chrono>
#include <csignal>
#include <fstream>
#include <thread>
#include <nlohmann/json.hpp>

#include "tests/fakes/loopback_http_server.h"
#include "tests/support/cli_runner.h"

using namespace tftsr::test;
using nlohmann::json;

namespace {

const std::string kKey = "sk-cli-Qw3Er5Ty7Ui9Op1As";

ScriptedReply stream_of(const std::string& text) {
  std::vector<BodyPiece> pieces;
  for (std::size_t at = 0; at < text.size(); at += 6)
    pieces.push_back({0, "data: " + json{{"choices", {{{"delta", {{"content", text.substr(at, 6)}}}}}}}.dump() + "\n\n"});
  pieces.push_back({0, "data: [DONE]\n\n"});
  return ScriptedReply::streamed(std::move(pieces));
}

struct AiCli {
  Cli cli;
  LoopbackHttpServer server;
  std::string incident;

  explicit AiCli(std::vector<ScriptedReply> script) : server(std::move(script)) {
    incident = cli.run_json({"issue", "new", "--title", "Mail outage", "--severity", "P2"})["id"];
    const auto key_file = cli.dir / "key.txt";
    std::ofstream(key_file) << kKey << "\n";
    auto r = cli.run({"ai", "provider", "add", "loop", "--kind", "openai", "--url", server.url("/v1"), "--model",
                      "gpt-test", "--api-key-file", key_file.string()});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
  }
};

}  // namespace

TEST_CASE("cli: provider add reads the key from a file or the environment, never prints it — list masks it") {
  AiCli a({stream_of("ok")});
  const json list = a.cli.run_json({"ai", "provider", "list"});
  REQUIRE(list.size() == 1);
  CHECK(list[0]["name"] == "loop");
  CHECK(list[0]["active"] == true);
  CHECK(list[0]["api_key"].get<std::string>().find(kKey.substr(0, 10)) == std::string::npos);
  CHECK(list[0]["api_key"].get<std::string>().substr(list[0]["api_key"].get<std::string>().size() - 4) == "p1As");
  const auto shown = a.cli.run({"ai", "provider", "show", "loop"});
  CHECK(shown.exit_code == 0);
  CHECK(shown.out.find(kKey) == std::string::npos);

  auto from_env = run_process({TFTSR_BINARY, "ai", "provider", "add", "second", "--kind", "anthropic", "--model",
                               "claude-test", "--api-key-env", "MY_KEY", "--data-dir", a.cli.data_dir().string()},
                              {{"TFTSR_DB_KEY", a.cli.key}, {"MY_KEY", "sk-ant-env-Zx9Cv8Bn7"}});
  CHECK(from_env.exit_code == 0);
  CHECK(from_env.out.find("sk-ant-env") == std::string::npos);
  CHECK(a.cli.run_json({"ai", "provider", "list"}).size() == 2);
  CHECK(a.cli.run({"ai", "provider", "use", "second"}).exit_code == 0);
  CHECK(a.cli.run_json({"ai", "provider", "show", "second"})["active"] == true);
  CHECK(a.cli.run({"ai", "provider", "remove", "second"}).exit_code == 0);
  CHECK(a.cli.run({"ai", "provider", "show", "second"}).exit_code == 1);
}

TEST_CASE("cli: bad provider input gets a specific message and exit code 2") {
  Cli cli;
  auto missing = cli.run({"ai", "provider", "add", "p", "--kind", "openai", "--model", "m", "--api-key-file",
                          (cli.dir / "nope.txt").string()});
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("does not exist") != std::string::npos);
  auto kind = cli.run({"ai", "provider", "add", "p", "--kind", "chatgpt", "--model", "m"});
  CHECK(kind.exit_code == 2);
  CHECK(kind.err.find("ollama") != std::string::npos);  // names the accepted kinds
  auto scheme = cli.run({"ai", "provider", "add", "p", "--kind", "ollama", "--url", "localhost:11434", "--model", "m"});
  CHECK(scheme.exit_code == 2);
  CHECK(scheme.err.find("http") != std::string::npos);
  auto model = cli.run({"ai", "provider", "add", "p", "--kind", "ollama", "--model", ""});
  CHECK(model.exit_code == 2);
  auto no_env = cli.run({"ai", "provider", "add", "p", "--kind", "openai", "--model", "m", "--api-key-env", "UNSET_VAR_X"});
  CHECK(no_env.exit_code == 2);
  CHECK(no_env.err.find("UNSET_VAR_X") != std::string::npos);
  CHECK(cli.run_json({"ai", "provider", "list"}).empty());  // nothing half-stored
}

TEST_CASE("cli: chat streams the reply — --json reports hash, why level and masked counts — history lists it") {
  AiCli a({stream_of("Ask [Email_1] for the SMTP log.\n\n```json\n{\"why_level\": 1, \"why_question\": \"Why?\", "
                     "\"answer\": \"Relay down.\", \"root_cause\": null}\n```"),
           stream_of("Second.")});
  auto r = a.cli.run({"chat", a.incident, "ops@corp.example says mail is stuck"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == "Ask ops@corp.example for the SMTP log.\n");
  CHECK(r.err.find("now at why 2") != std::string::npos);
  CHECK(a.server.requests().back().body.find("ops@corp.example") == std::string::npos);
  CHECK(a.server.requests().back().header("Authorization") == "Bearer " + kKey);

  const json out = a.cli.run_json({"chat", a.incident, "and ops@corp.example again"});
  CHECK(out["reply"] == "Second.");
  CHECK(out["why_level"] == 2);
  CHECK(out["redacted"]["Email"] == 1);
  CHECK(out["sent_sha256"].get<std::string>().size() == 64);
  CHECK(a.server.requests().back().body.find("[Email_1] again") != std::string::npos);

  const json history = a.cli.run_json({"chat", "history", a.incident});
  REQUIRE(history["conversations"].size() == 1);
  const auto& messages = history["conversations"][0]["messages"];
  REQUIRE(messages.size() == 4);
  CHECK(messages[0]["text"] == "ops@corp.example says mail is stuck");
  CHECK(messages[0]["sent_text"] == "[Email_1] says mail is stuck");
  const auto steps = a.cli.run_json({"why", "list", a.incident});
  REQUIRE(steps.size() == 1);
  CHECK(steps[0]["answer"] == "Relay down.");
}

TEST_CASE("cli: --dry-run prints exactly the body the gate would send and sends nothing") {
  AiCli a({stream_of("unused")});
  auto r = a.cli.run({"chat", a.incident, "--dry-run", "token ghp_R2d2C3poBb8Ee1Ww9Qq7Tt5Yy3Uu1Ii0Oo6Pp leaked"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(a.server.requests().empty());
  const json body = json::parse(r.out);
  CHECK(body["messages"].back()["content"] == "token [GitHubToken_1] leaked");
  CHECK(r.err.find("nothing was sent") != std::string::npos);
}

TEST_CASE("cli: analyze prints summary, findings, severity and first why") {
  AiCli a({stream_of("Relay refused.\n\n```json\n{\"summary\": \"The relay refused mail.\", \"key_findings\": "
                     "[\"550 from relay\"], \"severity\": \"medium\", \"why_level\": 1, \"why_question\": \"Why did "
                     "the relay refuse?\", \"answer\": null, \"root_cause\": null}\n```")});
  std::ofstream(a.cli.dir / "smtp.log") << "10:00 ok\n10:01 ERROR 550 relay denied for ops@corp.example\n";
  const std::string log = a.cli.run_json({"log", "add", a.incident, (a.cli.dir / "smtp.log").string()})["id"];
  const json out = a.cli.run_json({"analyze", a.incident, "--log", log});
  CHECK(out["summary"] == "The relay refused mail.");
  CHECK(out["severity"] == "P3");
  CHECK(out["first_why"] == "Why did the relay refuse?");
  CHECK(out["findings"] == json::array({"550 from relay"}));
  CHECK(a.server.requests().back().body.find("ops@corp.example") == std::string::npos);
}

TEST_CASE("cli: analyze --patterns sends the pattern summary instead of the log's lines, and says the size saved") {
  AiCli a({stream_of("Relay refused.\n\n```json\n{\"summary\": \"The relay refused mail.\", \"key_findings\": "
                     "[\"550 from relay\"], \"severity\": \"medium\", \"why_level\": 1, \"why_question\": \"Why did "
                     "the relay refuse?\", \"answer\": null, \"root_cause\": null}\n```")});
  {
    std::ofstream out(a.cli.dir / "smtp.log");
    for (int i = 0; i < 1500; ++i)
      out << "2026-11-30 10:00:" << (i % 60 < 10 ? "0" : "") << i % 60 << " INFO delivered message " << i
          << " to relay-" << i % 9 << " in " << i % 30 << " ms\n";
    out << "2026-11-30 10:01:00 ERROR 550 relay denied for ops@corp.example\n";
  }
  const std::string log = a.cli.run_json({"log", "add", a.incident, (a.cli.dir / "smtp.log").string()})["id"];
  const json out = a.cli.run_json({"analyze", a.incident, "--log", log, "--patterns"});
  CHECK(out["summary"] == "The relay refused mail.");
  REQUIRE(out["logs"].size() == 1);
  const std::string note = out["logs"][0]["note"];
  CHECK(note.find("pattern summary") != std::string::npos);
  CHECK(note.find("instead of") != std::string::npos);
  REQUIRE(a.server.requests().size() == 1);
  const std::string body = a.server.requests().back().body;
  CHECK(body.find("1500x INFO") != std::string::npos);
  CHECK(body.find("delivered message <*>") != std::string::npos);
  CHECK(body.find("delivered message 1234 ") == std::string::npos);  // no line of the log
  CHECK(body.find("ops@corp.example") == std::string::npos);          // the gate still scans it

  // Without --patterns the excerpt lines go, as before.
  AiCli b({stream_of("ok")});
  std::ofstream(b.cli.dir / "small.log") << "10:00 INFO delivered message 77 to relay-1 in 3 ms\n";
  const std::string small = b.cli.run_json({"log", "add", b.incident, (b.cli.dir / "small.log").string()})["id"];
  b.cli.run({"analyze", b.incident, "--log", small});
  REQUIRE(b.server.requests().size() == 1);
  CHECK(b.server.requests().back().body.find("delivered message 77") != std::string::npos);
}

TEST_CASE("cli: chat without any provider says how to add one") {
  Cli cli;
  const std::string id = cli.run_json({"issue", "new", "--title", "t", "--severity", "P3"})["id"];
  auto r = cli.run({"chat", id, "hello"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("tftsr ai provider add") != std::string::npos);
}

TEST_CASE("cli: Ctrl+C stops a streaming reply, keeps what arrived (cut off) and exits with 130") {
  std::vector<BodyPiece> pieces;
  for (int i = 0; i < 60; ++i)
    pieces.push_back({100, "data: " + json{{"choices", {{{"delta", {{"content", "word" + std::to_string(i) + " "}}}}}}}.dump() + "\n\n"});
  pieces.push_back({0, "data: [DONE]\n\n"});
  AiCli a({ScriptedReply::streamed(std::move(pieces))});
  const auto started = std::chrono::steady_clock::now();
  auto r = run_process({TFTSR_BINARY, "chat", a.incident, "go", "--data-dir", a.cli.data_dir().string()},
                       {{"TFTSR_DB_KEY", a.cli.key}}, {}, {}, [&](pid_t pid) {
                         while (a.server.connections() < 1 &&
                                std::chrono::steady_clock::now() - started < std::chrono::seconds(20))
                           std::this_thread::sleep_for(std::chrono::milliseconds(10));
                         std::this_thread::sleep_for(std::chrono::milliseconds(700));
                         kill(pid, SIGINT);
                       });
  INFO(r.err);
  CHECK(r.exit_code == 130);
  CHECK(r.out.rfind("word0 ", 0) == 0);
  CHECK(r.out.find("word59") == std::string::npos);  // it stopped there, not at the end of the reply
  const json history = a.cli.run_json({"chat", "history", a.incident});
  const auto& messages = history["conversations"][0]["messages"];
  REQUIRE(messages.size() == 2);
  CHECK(messages[1]["cut_off"] == true);
  CHECK(messages[1]["text"].get<std::string>().rfind("word0 ", 0) == 0);
}
