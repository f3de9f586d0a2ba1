#include <doctest/doctest.h>

#include <GLFW/glfw3.h>

#include "tests/support/ui_driver/ui_fixture.h"

using namespace tftsr;
using namespace tftsr::gui;
using namespace tftsr::gui::test;

TEST_CASE("Ctrl+N opens the dialog with the title focused, and Enter creates the incident") {
  UiFixture f;
  f.wait_unlocked();
  f.ui->press(GLFW_KEY_N, /*ctrl=*/true);
  REQUIRE(f.ui->has("new_incident.title"));
  // No click: the title field already has the keyboard focus.
  f.ui->type("Disk full on db01");
  f.ui->press(GLFW_KEY_ENTER);

  auto issues = f.shell->state().triage->incidents().list({});
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].title == "Disk full on db01");
  CHECK(issues[0].severity == "P3");  // the default
  CHECK_FALSE(f.ui->has("new_incident.title"));  // the dialog closed
  CHECK(f.shell->state().centre.tabs.back() == Tab{"incident", issues[0].id});
  CHECK(f.ui->frames_until([&] { return f.shell->incident_list().total() == 1; }));
}

TEST_CASE("severity, domain and description chosen in the dialog are stored") {
  UiFixture f;
  f.wait_unlocked();
  f.ui->press(GLFW_KEY_N, true);
  f.ui->type("VPN gateway flapping");
  f.ui->click("new_incident.severity:P1");
  f.ui->click("new_incident.domain");
  f.ui->click("new_incident.domain:Network");
  f.ui->click("new_incident.description");
  f.ui->type("Tunnels drop every 5 minutes");
  f.ui->click("new_incident.create");

  auto issues = f.shell->state().triage->incidents().list({});
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].severity == "P1");
  CHECK(issues[0].category == std::optional<std::string>("network"));
  CHECK(issues[0].description == std::optional<std::string>("Tunnels drop every 5 minutes"));
}

TEST_CASE("an empty title is refused with a message and nothing is created") {
  UiFixture f;
  f.wait_unlocked();
  f.ui->press(GLFW_KEY_N, true);
  f.ui->type("   ");
  f.ui->press(GLFW_KEY_ENTER);
  CHECK(f.ui->has("new_incident.title"));  // still open
  CHECK(f.shell->state().triage->incidents().count({}) == 0);
  f.ui->click("new_incident.cancel");
  CHECK_FALSE(f.ui->has("new_incident.title"));
}
