// Settings → Integrations: a user sets up ServiceNow with a password, saves (sealed), and tests
// the connection over real HTTP through the gate against a loopback server; a URL without a
// scheme gets its message under the form.
#include <doctest/doctest.h>

#include "app/gui/views/settings_view.h"
#include "core/crypto/base64.h"
#include "core/store/database.h"
#include "tests/support/second_connection.h"
#include "tests/fakes/servicenow_fake.h"
#include "tests/support/ui_driver/ui_fixture.h"

using namespace tftsr;
using namespace tftsr::gui;
using namespace tftsr::gui::test;
using tftsr::test::LoopbackHttpServer;
namespace sn = tftsr::test::servicenow_fake;

namespace {
IntegrationSettings& open_integrations(UiFixture& f) {
  f.shell->run(Command::Settings);
  f.ui->frame(3);
  f.ui->click("settings.integrations");
  f.ui->frame(3);
  auto* settings = f.shell->find_view<SettingsView>();
  REQUIRE(settings);
  IntegrationSettings& tab = settings->integrations();
  REQUIRE(f.ui->frames_until([&] { return !tab.busy(); }, 10000));
  return tab;
}
}  // namespace

TEST_CASE("integrations: set up ServiceNow, save the sealed password and test the connection") {
  LoopbackHttpServer server({sn::records({})});
  UiFixture f;
  f.wait_unlocked();
  IntegrationSettings& tab = open_integrations(f);
  std::string root = server.url("/");
  root.pop_back();

  f.ui->click("integrations.servicenow.url");
  f.ui->type("acme.service-now.com");
  f.ui->click("integrations.servicenow.save");
  REQUIRE(f.ui->frames_until([&] { return !tab.busy() && !tab.message(integrations::Service::ServiceNow).empty(); }, 10000));
  CHECK(tab.message(integrations::Service::ServiceNow).find("no scheme") != std::string::npos);

  f.ui->click("integrations.servicenow.url");
  for (int i = 0; i < 25; ++i) f.ui->press(259);  // Backspace over the refused URL
  f.ui->type(root);
  f.ui->click("integrations.servicenow.username");
  f.ui->type("api.user");
  f.ui->click("integrations.servicenow.token");
  f.ui->type("s3cret-Pw");
  f.ui->click("integrations.servicenow.save");
  REQUIRE(f.ui->frames_until([&] { return !tab.busy() && tab.message(integrations::Service::ServiceNow) == "Saved."; },
                             10000));
  const auto st = f.shell->state().triage->integrations().statuses();
  CHECK(st[1].configured);
  CHECK(st[1].has_credential);

  f.ui->frame(5);
  f.ui->click("integrations.servicenow.test");
  REQUIRE(f.ui->frames_until([&] { return !tab.busy() && tab.message(integrations::Service::ServiceNow).find("connected") != std::string::npos; },
                             10000));
  REQUIRE(server.requests().size() == 1);
  CHECK(server.requests()[0].header("Authorization") == "Basic " + base64_encode("api.user:s3cret-Pw"));
  // Sealed: the password is nowhere in the credentials table as text.
  Database db = tftsr::test::second_connection(*f.shell->state().triage, kPassphrase);
  auto rows = db.prepare("SELECT encrypted_token, token_hash FROM credentials");
  REQUIRE(rows.step());
  CHECK(rows.text(0).find("s3cret") == std::string::npos);
  CHECK(rows.text(1).find("s3cret") == std::string::npos);
}
