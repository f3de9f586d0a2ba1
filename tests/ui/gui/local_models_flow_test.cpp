// Settings → Local models, driven like a user against a loopback server speaking Ollama's
// management API over real HTTP through the gate; and against a port where nothing listens.
#include <doctest/doctest.h>

#include "app/gui/views/settings_view.h"
#include "tests/fakes/ollama_fake.h"
#include "tests/support/ui_driver/ui_fixture.h"

using namespace tftsr;
using namespace tftsr::gui;
using namespace tftsr::gui::test;
using tftsr::test::LoopbackHttpServer;
namespace ollama_fake = tftsr::test::ollama_fake;

namespace {

const std::vector<tftsr::test::FakeOllamaModel> kOne{{"llama3.2:3b", 2019393189, "llama", "3.2B", "Q4_K_M"}};
const std::vector<tftsr::test::FakeOllamaModel> kTwo{{"llama3.2:3b", 2019393189, "llama", "3.2B", "Q4_K_M"},
                                                     {"llama3.2:1b", 1321098329, "llama", "1.2B", "Q8_0"}};

void add_ollama(UiFixture& f, const std::string& url) {
  ai::ProviderConfig c;
  c.name = "Local";
  c.kind = ai::ProviderKind::Ollama;
  c.url = url;
  c.model = "llama3.2:3b";
  f.shell->state().triage->ai().add_provider(c);
  f.shell->state().changed();
}

LocalModelSettings& open_local_models(UiFixture& f) {
  f.shell->run(Command::Settings);
  f.ui->frame(3);
  f.ui->click("settings.local_models");
  auto* settings = f.shell->find_view<SettingsView>();
  REQUIRE(settings);
  LocalModelSettings& local = settings->local_models();
  REQUIRE(f.ui->frames_until([&] { return local.status().has_value() && !local.busy(); }, 10000));
  return local;
}

}  // namespace

TEST_CASE("local models: status and models from the configured Ollama, pull with progress, delete after asking") {
  LoopbackHttpServer server({ollama_fake::version("0.5.7"), ollama_fake::tags(kOne), ollama_fake::pull(3, 30),
                             ollama_fake::version("0.5.7"), ollama_fake::tags(kTwo), ollama_fake::deleted(),
                             ollama_fake::version("0.5.7"), ollama_fake::tags({kTwo[1]})});
  UiFixture f;
  f.wait_unlocked();
  add_ollama(f, server.url(""));
  LocalModelSettings& local = open_local_models(f);
  REQUIRE(local.status()->running);
  CHECK(local.status()->version == "0.5.7");
  CHECK(f.ui->has("ollama.status"));
  REQUIRE(local.models().size() == 1);
  CHECK(f.ui->has("ollama.model:llama3.2:3b"));
  REQUIRE(f.ui->frames_until([&] { return f.ui->has("ollama.hardware"); }, 10000));

  f.ui->click("ollama.pull_name");
  f.ui->type("llama3.2:1b");
  f.ui->click("ollama.pull");
  REQUIRE(f.ui->frames_until([&] { return !local.busy() && !local.pull_message().empty(); }, 10000));
  INFO(local.pull_message());
  CHECK_FALSE(local.pull_failed());
  CHECK(local.pull_message() == "Pulled llama3.2:1b.");
  REQUIRE(local.models().size() == 2);  // refreshed after the pull
  CHECK(f.ui->has("ollama.model:llama3.2:1b"));

  f.ui->click("ollama.delete:llama3.2:3b");
  REQUIRE(f.ui->has("ollama.confirm_delete"));
  CHECK(server.requests().size() == 5);  // nothing deleted yet
  f.ui->click("ollama.confirm_delete");
  REQUIRE(f.ui->frames_until([&] { return !local.busy() && local.models().size() == 1; }, 10000));
  CHECK(local.action_error().empty());
  const auto requests = server.requests();
  CHECK(requests[2].target == "/api/pull");
  CHECK(requests[5].method == "DELETE");
  CHECK(requests[5].body == R"({"model":"llama3.2:3b"})");
}

TEST_CASE("local models: Cancel stops a pull mid-way and says so") {
  LoopbackHttpServer server({ollama_fake::version(), ollama_fake::tags(kOne), ollama_fake::pull(200, 50)});
  UiFixture f;
  f.wait_unlocked();
  add_ollama(f, server.url(""));
  LocalModelSettings& local = open_local_models(f);
  REQUIRE(f.ui->frames_until([&] { return f.ui->has("ollama.recommended_pull:llama3.2:1b"); }, 10000));
  f.ui->click("ollama.recommended_pull:llama3.2:1b");
  REQUIRE(f.ui->frames_until([&] { return f.ui->has("ollama.cancel_pull") && server.connections() >= 3; }, 10000));
  f.ui->frame(10);
  f.ui->click("ollama.cancel_pull");
  REQUIRE(f.ui->frames_until([&] { return !local.busy() && !local.pull_message().empty(); }, 10000));
  CHECK_FALSE(local.pull_failed());
  CHECK(local.pull_message().find("cancelled") != std::string::npos);
  CHECK(f.ui->has("ollama.pull"));  // the field is back
}

TEST_CASE("local models: no Ollama is 'not running' with the install hint, and nothing can be pulled") {
  UiFixture f;
  f.wait_unlocked();
  add_ollama(f, "http://127.0.0.1:" + std::to_string(ollama_fake::closed_port()));
  LocalModelSettings& local = open_local_models(f);
  REQUIRE(local.status().has_value());
  CHECK_FALSE(local.status()->running);
  CHECK(local.status()->message.find("not running") != std::string::npos);
  CHECK(local.status()->install_hint.find("https://ollama.com/download") != std::string::npos);
  CHECK(f.ui->has("ollama.install_command"));
  CHECK(local.models().empty());
  f.ui->click("ollama.pull_name");
  f.ui->type("llama3.2:1b");
  f.ui->click("ollama.pull");  // disabled
  f.ui->frame(3);
  CHECK_FALSE(local.busy());
  CHECK(local.pull_message().empty());
}
