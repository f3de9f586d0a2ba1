// OllamaManager against a loopback server speaking Ollama's management API, through the real
// outbound gate of a real encrypted store.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "core/ai/ollama_manager.h"
#include "core/net/network_error.h"
#include "core/net/network_runtime.h"
#include "core/triage.h"
#include "tests/fakes/ollama_fake.h"
#include "tests/support/temp_dir.h"

using namespace tftsr;
using namespace tftsr::test;
using nlohmann::json;

namespace {

const net::NetworkRuntime runtime;  // libcurl's global state, as main sets it up

struct Fixture {
  TempDir dir;
  std::unique_ptr<Triage> t = Triage::open(dir.path() / "data", "pw");
  LoopbackHttpServer server;
  ai::OllamaManager manager{t->gate(), server.url("")};

  explicit Fixture(std::vector<ScriptedReply> script) : server(std::move(script)) {}

  std::vector<AuditEntry> audited(const std::string& action) const {
    AuditFilter f;
    f.action = action;
    return t->audit().entries(f);
  }
};

struct NoServer {
  TempDir dir;
  std::unique_ptr<Triage> t = Triage::open(dir.path() / "data", "pw");
  ai::OllamaManager manager{t->gate(), "http://127.0.0.1:" + std::to_string(ollama_fake::closed_port())};
};

template <class F>
std::string error_of(F f, ErrorKind expected) {
  try {
    f();
  } catch (const Error& e) {
    CHECK(e.kind() == expected);
    return e.what();
  }
  FAIL("no error was thrown");
  return {};
}

}  // namespace

TEST_CASE("ollama: status reports the version of a running Ollama, asked with GET /api/version, audited") {
  Fixture f({ollama_fake::version("0.5.7")});
  const ai::OllamaStatus s = f.manager.status();
  CHECK(s.running);
  CHECK(s.version == "0.5.7");
  CHECK(s.message.find("0.5.7") != std::string::npos);
  REQUIRE(f.server.requests().size() == 1);
  CHECK(f.server.requests()[0].method == "GET");
  CHECK(f.server.requests()[0].target == "/api/version");
  CHECK(f.server.requests()[0].body.empty());
  const auto entries = f.audited("ollama_status");
  REQUIRE(entries.size() == 1);
  CHECK(json::parse(*entries[0].details)["target_host"] == "127.0.0.1");
}

TEST_CASE("ollama: nothing listening is 'not running' with how to install it, not an error") {
  NoServer n;
  const ai::OllamaStatus s = n.manager.status();
  CHECK_FALSE(s.running);
  CHECK(s.version.empty());
  CHECK(s.message.find("not running") != std::string::npos);
  CHECK(s.install_hint.find("https://ollama.com/download") != std::string::npos);
  CHECK(s.install_hint.find("curl -fsSL https://ollama.com/install.sh | sh") != std::string::npos);

  const std::string models = error_of([&] { n.manager.models(); }, ErrorKind::Network);
  CHECK(models.find("not running") != std::string::npos);
  CHECK(models.find("https://ollama.com/download") != std::string::npos);
  const std::string pull = error_of([&] { n.manager.pull("llama3.2:1b", {}); }, ErrorKind::Network);
  CHECK(pull.find("not running") != std::string::npos);
}

TEST_CASE("ollama: an HTML page where Ollama should be is named as such everywhere") {
  Fixture f({ollama_fake::html_page()});
  const ai::OllamaStatus s = f.manager.status();
  CHECK_FALSE(s.running);
  CHECK(s.message.find("not as Ollama") != std::string::npos);
  CHECK(s.message.find("Guest Wi-Fi login") != std::string::npos);
  CHECK(s.install_hint.empty());  // something answers there: installing Ollama is not the fix

  try {
    f.manager.models();
    FAIL("models() accepted an HTML page");
  } catch (const net::NetworkError& e) {
    CHECK(e.failure() == net::NetworkFailure::UnexpectedContent);
    CHECK(std::string(e.what()).find("Guest Wi-Fi login") != std::string::npos);
  }
  const std::string pull = error_of([&] { f.manager.pull("llama3.2:1b", {}); }, ErrorKind::Network);
  CHECK(pull.find("not as Ollama") != std::string::npos);
}

TEST_CASE("ollama: a JSON answer without a version is not Ollama either") {
  Fixture f({ScriptedReply::json(200, R"({"status":"ok"})")});
  const ai::OllamaStatus s = f.manager.status();
  CHECK_FALSE(s.running);
  CHECK(s.message.find("not as Ollama") != std::string::npos);
}

TEST_CASE("ollama: models lists name, size, family, parameter size and quantisation from /api/tags") {
  Fixture f({ollama_fake::tags({{"llama3.2:3b", 2019393189, "llama", "3.2B", "Q4_K_M"},
                                {"qwen2.5:14b", 8988124069, "qwen2", "14.8B", "Q4_K_M"}})});
  const auto models = f.manager.models();
  REQUIRE(models.size() == 2);
  CHECK(models[0].name == "llama3.2:3b");
  CHECK(models[0].size == 2019393189);
  CHECK(models[0].family == "llama");
  CHECK(models[0].parameter_size == "3.2B");
  CHECK(models[0].quantization == "Q4_K_M");
  CHECK(models[0].modified_at == "2025-01-14T10:21:09.213Z");
  CHECK(models[1].name == "qwen2.5:14b");
  CHECK(models[1].family == "qwen2");
  CHECK(f.server.requests()[0].method == "GET");
  CHECK(f.server.requests()[0].target == "/api/tags");
}

TEST_CASE("ollama: an empty model list is an empty list — a list that is not one is an error") {
  Fixture f({ollama_fake::tags({}), ScriptedReply::json(200, R"({"models":"none"})")});
  CHECK(f.manager.models().empty());
  error_of([&] { f.manager.models(); }, ErrorKind::Network);
}

TEST_CASE("ollama: pull streams every progress line in order and returns on success") {
  Fixture f({ollama_fake::pull(5)});
  std::vector<ai::PullProgress> seen;
  f.manager.pull("llama3.2:3b", [&](const ai::PullProgress& p) {
    seen.push_back(p);
    return true;
  });
  const auto expected = ollama_fake::pull_lines(5);
  REQUIRE(seen.size() == expected.size());
  CHECK(seen.front().status == "pulling manifest");
  CHECK(seen.front().fraction() < 0);
  CHECK(seen[2].digest.rfind("sha256:", 0) == 0);
  CHECK(seen[2].total == ollama_fake::kLayerBytes);
  CHECK(seen[2].completed == ollama_fake::kLayerBytes / 5);
  CHECK(seen[6].completed == ollama_fake::kLayerBytes);
  CHECK(seen[6].fraction() == doctest::Approx(1.0));
  CHECK(seen.back().status == "success");

  const auto r = f.server.requests().at(0);
  CHECK(r.method == "POST");
  CHECK(r.target == "/api/pull");
  CHECK(json::parse(r.body) == json{{"model", "llama3.2:3b"}, {"stream", true}});
  const auto entries = f.audited("ollama_pull");
  REQUIRE(entries.size() == 1);
  CHECK(json::parse(*entries[0].details)["model"] == "llama3.2:3b");
}

TEST_CASE("ollama: pull lines split across chunks and CRLF ends are read the same") {
  std::string body;
  for (const auto& l : ollama_fake::pull_lines(3)) body += l + "\r\n";
  std::vector<BodyPiece> pieces;
  for (std::size_t at = 0; at < body.size(); at += 7) pieces.push_back({0, body.substr(at, 7)});
  Fixture f({ScriptedReply::streamed(pieces, "application/x-ndjson")});
  int lines = 0;
  f.manager.pull("llama3.2:3b", [&](const ai::PullProgress&) { return ++lines > 0; });
  CHECK(lines == static_cast<int>(ollama_fake::pull_lines(3).size()));
}

TEST_CASE("ollama: a progress callback returning false cancels the pull mid-way") {
  Fixture f({ollama_fake::pull(40, 50)});
  int seen = 0;
  const std::string message = error_of(
      [&] {
        f.manager.pull("llama3.2:3b", [&](const ai::PullProgress& p) {
          ++seen;
          return p.completed < ollama_fake::kLayerBytes / 10;
        });
      },
      ErrorKind::Cancelled);
  CHECK(message.find("cancelled") != std::string::npos);
  CHECK(seen > 2);
  CHECK(seen < 10);  // it stopped there, not at the end of the stream
}

TEST_CASE("ollama: a cancel on the success line itself is too late: the model is there") {
  Fixture f({ollama_fake::pull(2)});
  CHECK_NOTHROW(f.manager.pull("llama3.2:3b", [](const ai::PullProgress& p) { return p.status != "success"; }));
}

TEST_CASE("ollama: the cancel check stops a pull while it waits for the next line") {
  Fixture f({ollama_fake::pull(40, 100)});
  int seen = 0;
  error_of([&] { f.manager.pull("llama3.2:3b", [&](const ai::PullProgress&) { return true; }, [&] { return ++seen > 20; }); },
           ErrorKind::Cancelled);
}

TEST_CASE("ollama: an error line in the pull stream is the error, in Ollama's words") {
  Fixture f({ollama_fake::pull_error(2, "pull model manifest: file does not exist")});
  int seen = 0;
  const std::string message =
      error_of([&] { f.manager.pull("nosuchmodel:1b", [&](const ai::PullProgress&) { return ++seen > 0; }); },
               ErrorKind::Network);
  CHECK(message.find("pull model manifest: file does not exist") != std::string::npos);
  CHECK(message.find("nosuchmodel:1b") != std::string::npos);
  CHECK(seen == 4);
}

TEST_CASE("ollama: a connection closed mid-pull says the pull stopped and can be resumed") {
  Fixture f({ollama_fake::pull_closed_mid(3)});
  int seen = 0;
  const std::string message =
      error_of([&] { f.manager.pull("llama3.2:3b", [&](const ai::PullProgress&) { return ++seen > 0; }); },
               ErrorKind::Network);
  CHECK(message.find("stopped before it finished") != std::string::npos);
  CHECK(message.find("resume") != std::string::npos);
  CHECK(seen == 5);  // the whole lines before the cut; half a line is never handed over
}

TEST_CASE("ollama: a stream that ends without success is not taken for one") {
  std::vector<BodyPiece> pieces;
  for (const auto& l : ollama_fake::pull_lines(2, false)) pieces.push_back({0, l + "\n"});
  Fixture f({ScriptedReply::streamed(pieces, "application/x-ndjson")});
  const std::string message = error_of([&] { f.manager.pull("llama3.2:3b", {}); }, ErrorKind::Network);
  CHECK(message.find("before Ollama reported success") != std::string::npos);
}

TEST_CASE("ollama: delete sends DELETE /api/delete with the model — 404 is 'model not found'") {
  Fixture f({ollama_fake::deleted(), ollama_fake::not_found("gone:1b")});
  f.manager.remove("llama3.2:3b");
  const auto r = f.server.requests().at(0);
  CHECK(r.method == "DELETE");
  CHECK(r.target == "/api/delete");
  CHECK(json::parse(r.body) == json{{"model", "llama3.2:3b"}});
  CHECK(f.audited("ollama_delete").size() == 1);

  const std::string message = error_of([&] { f.manager.remove("gone:1b"); }, ErrorKind::NotFound);
  CHECK(message == "model not found: gone:1b");
}

TEST_CASE("ollama: a model name Ollama cannot take is refused before anything is sent") {
  Fixture f({ollama_fake::deleted()});
  error_of([&] { f.manager.pull("", {}); }, ErrorKind::InvalidInput);
  error_of([&] { f.manager.pull("llama 3", {}); }, ErrorKind::InvalidInput);
  error_of([&] { f.manager.remove("a\"b"); }, ErrorKind::InvalidInput);
  CHECK(f.server.requests().empty());
  CHECK(f.audited("ollama_pull").empty());
}

TEST_CASE("ollama: the URL is the configured Ollama provider's (the active one first), else localhost:11434") {
  auto summary = [](std::string name, ai::ProviderKind kind, std::string url, bool active) {
    ProviderSummary p;
    p.config.name = std::move(name);
    p.config.kind = kind;
    p.config.url = std::move(url);
    p.is_active = active;
    return p;
  };
  CHECK(ai::ollama_url({}) == "http://localhost:11434");
  CHECK(ai::ollama_url({summary("gpt", ai::ProviderKind::OpenAi, "https://api.openai.com/v1", true)}) ==
        "http://localhost:11434");
  CHECK(ai::ollama_url({summary("a", ai::ProviderKind::Ollama, "http://gpu-box:11434/", false),
                        summary("b", ai::ProviderKind::Ollama, "http://other:11434/api", true)}) ==
        "http://other:11434");
  CHECK(ai::ollama_url({summary("a", ai::ProviderKind::Ollama, "http://gpu-box:11434", false)}) ==
        "http://gpu-box:11434");
}

TEST_CASE("ollama: a URL that is not http(s) is refused when the manager is made") {
  TempDir dir;
  auto t = Triage::open(dir.path() / "data", "pw");
  CHECK_THROWS_AS(ai::OllamaManager(t->gate(), "localhost:11434"), net::NetworkError);
}
