#include <doctest/doctest.h>

#include "app/gui/views/dashboard_view.h"
#include "tests/support/ui_driver/ui_fixture.h"

using namespace tftsr;
using namespace tftsr::gui;
using namespace tftsr::gui::test;

namespace {
// The dashboard tab's view: the workspace opens on it.
DashboardView& dashboard(Shell& shell) {
  auto* view = shell.find_view<DashboardView>();
  REQUIRE(view != nullptr);
  return *view;
}
}  // namespace

namespace {
Incident make(Triage& t, const std::string& title, const std::string& severity) {
  NewIncident in;
  in.title = title;
  in.severity = severity;
  return t.incidents().create(in);
}
}  // namespace

TEST_CASE("the dashboard counts open, recently resolved and open P1/P2 incidents") {
  TempDir dir;
  {
    auto store = open_store(dir.path());
    make(*store, "Database down", "P1");
    make(*store, "Slow login page", "P3");
    auto fixed = make(*store, "Certificate expired", "P2");
    IncidentPatch resolve;
    resolve.status = "resolved";
    store->incidents().update(fixed.id, resolve);
  }
  UiConfig config;
  WorkerPool pool(2);
  HeadlessContext context;
  Shell shell(pool, config, ShellOptions{dir.path(), kPassphrase, false});
  UiDriver ui(context, [&] { shell.frame(); });
  REQUIRE(ui.frames_until([&] { return shell.unlocked(); }, 20000));
  REQUIRE(ui.frames_until([&] { return dashboard(shell).stats().recent.size() == 3; }));

  REQUIRE(ui.has("dashboard.open"));
  CHECK(dashboard(shell).stats().open == 2);
  CHECK(dashboard(shell).stats().resolved_last_7_days == 1);
  CHECK(dashboard(shell).stats().open_p1_p2 == 1);
  CHECK(dashboard(shell).stats().recent.size() == 3);

  SUBCASE("clicking a recent incident opens it in a tab") {
    ui.click("dashboard.recent:Slow login page");
    const auto& tabs = shell.state().centre.tabs;
    auto it = std::find_if(tabs.begin(), tabs.end(), [&](const Tab& t) {
      return t.kind == "incident" && shell.state().incident_titles[t.id] == "Slow login page";
    });
    REQUIRE(it != tabs.end());
    ui.frame(2);
    CHECK(shell.state().centre.active == *it);
    CHECK(ui.has("incident.status"));
  }
  pool.shutdown();
}

TEST_CASE("the dashboard follows changes made in the UI") {
  UiFixture f;
  f.wait_unlocked();
  REQUIRE(f.ui->frames_until([&] { return !dashboard(*f.shell).loading(); }));
  CHECK(dashboard(*f.shell).stats().open == 0);
  NewIncident in;
  in.title = "Queue backlog";
  in.severity = "P2";
  f.shell->state().triage->incidents().create(in);
  f.shell->state().changed();  // what every view does after a change
  REQUIRE(f.ui->frames_until([&] { return dashboard(*f.shell).stats().open == 1; }));
  CHECK(dashboard(*f.shell).stats().open_p1_p2 == 1);
}
