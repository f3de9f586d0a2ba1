// `tftsr ollama ...`: the real binary against a loopback server speaking Ollama's management API,
// and against a port where nothing listens.
#include <doctest/doctest.h>

#include <chrono>
#include <csignal>
#include <sstream>
#include <thread>
#include <nlohmann/json.hpp>

#include "tests/fakes/ollama_fake.h"
#include "tests/support/cli_runner.h"

using namespace tftsr::test;
using nlohmann::json;

namespace {

std::string closed_url() { return "http://127.0.0.1:" + std::to_string(ollama_fake::closed_port()); }

std::vector<json> json_lines(const std::string& out) {
  std::vector<json> lines;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) lines.push_back(json::parse(line));
  return lines;
}

}  // namespace

TEST_CASE("cli ollama: status names the version, or says it is not running and how to install it") {
  Cli cli;
  LoopbackHttpServer server({ollama_fake::version("0.5.7")});
  const json up = cli.run_json({"ollama", "status", "--url", server.url("")});
  CHECK(up["running"] == true);
  CHECK(up["version"] == "0.5.7");
  auto text = cli.run({"ollama", "status", "--url", server.url("")});
  CHECK(text.exit_code == 0);
  CHECK(text.out.find("Ollama 0.5.7 is running") != std::string::npos);

  auto down = cli.run({"ollama", "status", "--url", closed_url()});
  CHECK(down.exit_code == 1);
  CHECK(down.err.find("not running") != std::string::npos);
  CHECK(down.err.find("https://ollama.com/download") != std::string::npos);
  CHECK(down.err.find("curl -fsSL https://ollama.com/install.sh | sh") != std::string::npos);
  auto down_json = cli.run({"ollama", "status", "--url", closed_url(), "--json"});
  CHECK(down_json.exit_code == 1);
  const json d = json::parse(down_json.out);
  CHECK(d["running"] == false);
  CHECK(d["version"].is_null());
  CHECK(d["install"]["command"] == "curl -fsSL https://ollama.com/install.sh | sh");

  // Every request went through the gate and is in the audit log.
  const json audit = cli.run_json({"audit", "--action", "ollama_status"});
  CHECK(audit.size() == 4);  // also the two that found nothing listening
}

TEST_CASE("cli ollama: an HTML page where Ollama should be is reported as not Ollama") {
  Cli cli;
  LoopbackHttpServer server({ollama_fake::html_page()});
  auto status = cli.run({"ollama", "status", "--url", server.url("")});
  CHECK(status.exit_code == 1);
  CHECK(status.err.find("not as Ollama") != std::string::npos);
  auto models = cli.run({"ollama", "models", "--url", server.url("")});
  CHECK(models.exit_code == 1);
  CHECK(models.err.find("Guest Wi-Fi login") != std::string::npos);
}

TEST_CASE("cli ollama: models as a table and as JSON, from the configured Ollama provider's URL") {
  Cli cli;
  LoopbackHttpServer server({ollama_fake::tags({{"llama3.2:3b", 2019393189, "llama", "3.2B", "Q4_K_M"}})});
  auto added = cli.run({"ai", "provider", "add", "local", "--kind", "ollama", "--url", server.url(""), "--model",
                        "llama3.2:3b"});
  REQUIRE(added.exit_code == 0);
  auto table = cli.run({"ollama", "models"});
  INFO(table.err);
  CHECK(table.exit_code == 0);
  CHECK(table.out.find("QUANTISATION") != std::string::npos);
  CHECK(table.out.find("llama3.2:3b") != std::string::npos);
  CHECK(table.out.find("2.0 GB") != std::string::npos);
  CHECK(table.out.find("Q4_K_M") != std::string::npos);
  const json list = cli.run_json({"ollama", "models"});
  REQUIRE(list.size() == 1);
  CHECK(list[0]["parameter_size"] == "3.2B");
  CHECK(list[0]["family"] == "llama");
  CHECK(server.requests().size() == 2);
  CHECK(server.requests()[0].target == "/api/tags");
}

TEST_CASE("cli ollama: pull --json prints one JSON line per progress line, then the result") {
  Cli cli;
  LoopbackHttpServer server({ollama_fake::pull(4)});
  auto r = cli.run({"ollama", "pull", "llama3.2:3b", "--url", server.url(""), "--json"});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  const auto lines = json_lines(r.out);
  REQUIRE(lines.size() == ollama_fake::pull_lines(4).size() + 1);
  CHECK(lines[0]["status"] == "pulling manifest");
  CHECK(lines[3]["completed"] == ollama_fake::kLayerBytes / 2);
  CHECK(lines[3]["total"] == ollama_fake::kLayerBytes);
  CHECK(lines[lines.size() - 2]["status"] == "success");
  CHECK(lines.back() == json{{"status", "pulled"}, {"model", "llama3.2:3b"}});
  CHECK(json::parse(server.requests()[0].body)["model"] == "llama3.2:3b");

  // Without a terminal and without --json: each step once on stderr, the result on stdout.
  server.set_script({ollama_fake::pull(4)});
  auto plain = cli.run({"ollama", "pull", "llama3.2:3b", "--url", server.url("")});
  CHECK(plain.exit_code == 0);
  CHECK(plain.out == "Pulled llama3.2:3b\n");
  CHECK(plain.err.find("verifying sha256 digest\n") != std::string::npos);
  CHECK(plain.err.find("\033[") == std::string::npos);  // no bar when stderr is not a terminal
}

TEST_CASE("cli ollama: a pull that fails says why, with exit code 1") {
  Cli cli;
  LoopbackHttpServer server({ollama_fake::pull_error(1, "pull model manifest: file does not exist"),
                             ollama_fake::pull_closed_mid(2)});
  auto error_line = cli.run({"ollama", "pull", "nosuch:1b", "--url", server.url("")});
  CHECK(error_line.exit_code == 1);
  CHECK(error_line.err.find("pull model manifest: file does not exist") != std::string::npos);
  auto closed = cli.run({"ollama", "pull", "llama3.2:3b", "--url", server.url("")});
  CHECK(closed.exit_code == 1);
  CHECK(closed.err.find("stopped before it finished") != std::string::npos);
  auto down = cli.run({"ollama", "pull", "llama3.2:3b", "--url", closed_url()});
  CHECK(down.exit_code == 1);
  CHECK(down.err.find("https://ollama.com/download") != std::string::npos);
  auto bad = cli.run({"ollama", "pull", "llama 3", "--url", server.url("")});
  CHECK(bad.exit_code == 2);
}

TEST_CASE("cli ollama: Ctrl+C cancels a pull mid-way with exit code 130") {
  Cli cli;
  cli.run_json({"ai", "provider", "list"});  // creates the store before the clock starts
  LoopbackHttpServer server({ollama_fake::pull(100, 100)});
  const auto started = std::chrono::steady_clock::now();
  auto r = run_process({TFTSR_BINARY, "ollama", "pull", "llama3.2:3b", "--json", "--url", server.url(""),
                        "--data-dir", cli.data_dir().string()},
                       {{"TFTSR_DB_KEY", cli.key}}, {}, {}, [&](pid_t pid) {
                         while (server.connections() < 1 &&
                                std::chrono::steady_clock::now() - started < std::chrono::seconds(20))
                           std::this_thread::sleep_for(std::chrono::milliseconds(10));
                         std::this_thread::sleep_for(std::chrono::milliseconds(700));
                         kill(pid, SIGINT);
                       });
  INFO(r.err);
  CHECK(r.exit_code == 130);
  const auto lines = json_lines(r.out);
  CHECK(lines.size() > 2);
  CHECK(lines.size() < 50);  // it stopped there, not at the end of the stream
  CHECK(r.err.find("cancelled") != std::string::npos);
}

TEST_CASE("cli ollama: delete, and a model Ollama does not have") {
  Cli cli;
  LoopbackHttpServer server({ollama_fake::deleted(), ollama_fake::not_found("gone:1b")});
  auto ok = cli.run({"ollama", "delete", "llama3.2:3b", "--url", server.url("")});
  CHECK(ok.exit_code == 0);
  CHECK(ok.out == "Deleted llama3.2:3b\n");
  CHECK(server.requests()[0].method == "DELETE");
  auto missing = cli.run({"ollama", "delete", "gone:1b", "--url", server.url("")});
  CHECK(missing.exit_code == 1);
  CHECK(missing.err.find("model not found: gone:1b") != std::string::npos);
}

TEST_CASE("cli ollama: hardware and recommend work without a passphrase and create no store") {
  Cli cli;
  const std::vector<std::string> no_key{"TFTSR_DB_KEY"};
  auto hw = run_process({TFTSR_BINARY, "ollama", "hardware", "--json", "--data-dir", cli.data_dir().string()}, {}, {},
                        no_key);
  INFO(hw.err);
  REQUIRE(hw.exit_code == 0);
  const json h = json::parse(hw.out);
  CHECK(h["ram_total_bytes"].get<std::int64_t>() > 0);
  CHECK(h["cpu_threads"].get<int>() > 0);
  CHECK(h["gpus"].is_array());
  auto text = run_process({TFTSR_BINARY, "ollama", "hardware", "--data-dir", cli.data_dir().string()}, {}, {}, no_key);
  CHECK(text.out.find("RAM: ") == 0);
  CHECK(text.out.find("CPU: ") != std::string::npos);

  auto rec = run_process({TFTSR_BINARY, "ollama", "recommend", "--json", "--data-dir", cli.data_dir().string()}, {},
                         {}, no_key);
  REQUIRE(rec.exit_code == 0);
  const json r = json::parse(rec.out);
  REQUIRE_FALSE(r["recommendations"].empty());
  CHECK(r["recommendations"][0]["best"] == true);
  CHECK(r["recommendations"][0]["reason"].get<std::string>().find(" of RAM") != std::string::npos);
  CHECK(r["installed_known"] == false);
  CHECK_FALSE(std::filesystem::exists(cli.db()));
}

TEST_CASE("cli ollama: recommend marks the installed models when the store opens without asking") {
  Cli cli;
  cli.run_json({"ai", "provider", "list"});  // the store exists
  LoopbackHttpServer server({ollama_fake::tags({{"llama3.2:1b", 1321098329, "llama", "1.2B", "Q8_0"}})});
  const json r = cli.run_json({"ollama", "recommend", "--url", server.url("")});
  CHECK(r["installed_known"] == true);
  bool marked = false;
  for (const auto& m : r["recommendations"])
    if (m["name"] == "llama3.2:1b") marked = m["installed"] == true;
  CHECK(marked);

  // Ollama not running: the recommendations still come, with a note.
  auto down = cli.run({"ollama", "recommend", "--url", closed_url()});
  CHECK(down.exit_code == 0);
  CHECK(down.out.find("llama3.2:1b") != std::string::npos);
  CHECK(down.err.find("not marked") != std::string::npos);
}

TEST_CASE("cli ollama: a URL that is not http(s) is a usage error") {
  Cli cli;
  auto r = cli.run({"ollama", "status", "--url", "localhost:11434"});
  CHECK(r.exit_code == 2);
}
