#include <doctest/doctest.h>

#include <GLFW/glfw3.h>

#include "tests/support/ui_driver/ui_fixture.h"

using namespace tftsr;
using namespace tftsr::gui;
using namespace tftsr::gui::test;

namespace {
Incident seed(UiFixture& f, const std::string& title) {
  NewIncident in;
  in.title = title;
  in.severity = "P2";
  auto issue = f.shell->state().triage->incidents().create(in);
  f.shell->state().changed();
  return issue;
}
}  // namespace

TEST_CASE("typing in the search box filters the incident list as you type") {
  UiFixture f;
  f.wait_unlocked();
  seed(f, "nginx returns 502");
  seed(f, "Kafka consumer lag");
  seed(f, "Printer offline");
  REQUIRE(f.ui->frames_until([&] { return f.shell->incident_list().total() == 3; }));
  f.ui->press(GLFW_KEY_F, /*ctrl=*/true);  // Ctrl+F focuses the search box
  f.ui->type("kafka");
  // The query runs on the pool: the frame that takes the keystroke does not wait for it.
  REQUIRE(f.ui->frames_until([&] { return !f.shell->incident_list().loading(); }));
  CHECK(f.shell->incident_list().total() == 1);
  CHECK(f.ui->has("sidebar.row:Kafka consumer lag"));
  CHECK_FALSE(f.ui->has("sidebar.row:Printer offline"));
}

TEST_CASE("clicking a row in the sidebar selects the incident and opens it") {
  UiFixture f;
  f.wait_unlocked();
  auto issue = seed(f, "Mail relay queue");
  REQUIRE(f.ui->frames_until([&] { return f.ui->has("sidebar.row:Mail relay queue"); }));
  f.ui->click("sidebar.row:Mail relay queue");
  CHECK(f.shell->state().selected_incident == issue.id);
  f.ui->frame(2);
  CHECK(f.shell->state().centre.active == Tab{"incident", issue.id});
}

TEST_CASE("resolving from the incident header asks to confirm first") {
  UiFixture f;
  f.wait_unlocked();
  auto issue = seed(f, "Backup job failed");
  f.shell->state().open_tab({"incident", issue.id});
  f.ui->frame(3);
  f.ui->click("incident.status");
  f.ui->click("incident.status:resolved");
  REQUIRE(f.ui->has("incident.confirm_status"));
  CHECK(f.shell->state().triage->incidents().get(issue.id).incident.status == "open");  // not yet
  f.ui->click("incident.confirm_status");
  auto now = f.shell->state().triage->incidents().get(issue.id).incident;
  CHECK(now.status == "resolved");
  CHECK(now.resolved_at.has_value());
}

TEST_CASE("deleting an incident asks to confirm, then removes it and its tab") {
  UiFixture f;
  f.wait_unlocked();
  auto issue = seed(f, "Obsolete ticket");
  f.shell->state().open_tab({"incident", issue.id});
  f.ui->frame(3);
  f.ui->click("incident.delete");
  REQUIRE(f.ui->has("delete.confirm"));
  CHECK(f.shell->state().triage->incidents().count({}) == 1);
  f.ui->click("delete.confirm");
  const auto& notices = f.shell->state().notifications.all();
  INFO("last notice: " << (notices.empty() ? "" : notices.back().title + " " + notices.back().message));
  CHECK(f.shell->state().triage->incidents().count({}) == 0);
  for (const Tab& t : f.shell->state().centre.tabs) CHECK(t.id != issue.id);
}

TEST_CASE("severity and domain change in place from the header") {
  UiFixture f;
  f.wait_unlocked();
  auto issue = seed(f, "Switch port errors");
  f.shell->state().open_tab({"incident", issue.id});
  f.ui->frame(3);
  f.ui->click("incident.severity");
  f.ui->click("incident.severity:P4");
  f.ui->click("incident.domain");
  f.ui->click("incident.domain:Hardware");
  auto now = f.shell->state().triage->incidents().get(issue.id).incident;
  CHECK(now.severity == "P4");
  CHECK(now.category == std::optional<std::string>("hardware"));
  CHECK(now.status == "open");  // no confirmation needed for these
}

TEST_CASE("the description is edited in place and saved") {
  UiFixture f;
  f.wait_unlocked();
  auto issue = seed(f, "Cron jobs skipped");
  f.shell->state().open_tab({"incident", issue.id});
  f.ui->frame(3);
  f.ui->click("incident.description");
  f.ui->type("Timezone change at midnight");
  f.ui->click("incident.save_description");
  CHECK(f.shell->state().triage->incidents().get(issue.id).incident.description ==
        std::optional<std::string>("Timezone change at midnight"));
}
