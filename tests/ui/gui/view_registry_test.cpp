#include <doctest/doctest.h>

#include <fstream>
#include <set>

#include "app/gui/view_registry.h"
#include "tests/support/ui_driver/ui_fixture.h"

using namespace tftsr;
using namespace tftsr::gui;
using namespace tftsr::gui::test;

TEST_CASE("every registered kind has a unique name and makes a view whose tab it is") {
  UiFixture f;
  f.wait_unlocked();
  std::set<std::string> names;
  for (const TabKind& kind : tab_kinds()) {
    CAPTURE(kind.name);
    CHECK(names.insert(kind.name).second);
    const Tab tab{kind.name, kind.needs_id ? "0190-not-there" : ""};
    auto view = make_tab_view(f.shell->state(), tab);
    REQUIRE(view != nullptr);
    CHECK_FALSE(view->title(f.shell->state()).empty());
    if (kind.needs_id) {
      CHECK(make_tab_view(f.shell->state(), Tab{kind.name, {}}) == nullptr);
      CHECK(view->shows(tab.id));
      CHECK_FALSE(view->shows("0190-something-else"));
    }
  }
  CHECK(make_tab_view(f.shell->state(), Tab{"bogus", {}}) == nullptr);
  CHECK(find_tab_kind("bogus") == nullptr);
}

TEST_CASE("every kind of tab survives a save and a restart, in its pane") {
  TempDir dir;
  std::string incident_id;
  {
    auto triage = open_store(dir.path());
    NewIncident in;
    in.title = "Layout";
    in.severity = "P3";
    incident_id = triage->incidents().create(in).id;
  }
  const auto file = dir.path() / "gui.json";
  std::vector<Tab> centre, right;
  {
    UiConfig config;
    WorkerPool pool(2);
    HeadlessContext context;
    Shell shell(pool, config, ShellOptions{dir.path(), kPassphrase, false});
    UiDriver ui(context, [&] { shell.frame(); });
    REQUIRE(ui.frames_until([&] { return shell.unlocked(); }, 20000));
    for (const TabKind& kind : tab_kinds()) {
      if (std::string(kind.name) == "dashboard") continue;  // already open
      // A log or image id that no longer exists still restores: the tab says so when shown.
      const std::string id = !kind.needs_id ? "" : std::string(kind.name) == "incident" || std::string(kind.name) == "gallery"
                                                       ? incident_id
                                                       : std::string("gone-") + kind.name;
      shell.state().open_tab(Tab{kind.name, id}, std::string(kind.name) == "help" ? PaneId::Right : PaneId::Centre);
    }
    ui.frame(3);
    centre = shell.state().centre.tabs;
    right = shell.state().right.tabs;
    REQUIRE(centre.size() + right.size() == tab_kinds().size());
    shell.store_layout();
    save_ui_config(config, file);
    pool.shutdown();
    pool.drain();
  }
  UiConfig config = load_ui_config(file);
  WorkerPool pool(2);
  HeadlessContext context;
  Shell shell(pool, config, ShellOptions{dir.path(), kPassphrase, false});
  UiDriver ui(context, [&] { shell.frame(); });
  REQUIRE(ui.frames_until([&] { return shell.unlocked(); }, 20000));
  ui.frame(2);
  CHECK(shell.state().centre.tabs == centre);
  CHECK(shell.state().right.tabs == right);
  for (const Tab& tab : centre) CHECK(shell.view(tab) != nullptr);
  pool.shutdown();
  pool.drain();
}

TEST_CASE("a layout saved with the older incident_id field still restores") {
  TempDir dir;
  const auto file = dir.path() / "gui.json";
  std::ofstream(file) << R"({"tabs": [{"kind": "dashboard", "incident_id": "", "pane": "centre", "active": false},
                                      {"kind": "log", "incident_id": "0190-log", "pane": "centre", "active": true},
                                      {"kind": "image", "incident_id": "0190-img", "pane": "right", "active": false}]})";
  UiConfig config = load_ui_config(file);
  REQUIRE(config.tabs.size() == 3);
  CHECK(config.tabs[1].kind == "log");
  CHECK(config.tabs[1].id == "0190-log");
  CHECK(config.tabs[2].id == "0190-img");

  WorkerPool pool(1);
  HeadlessContext context;
  Shell shell(pool, config, ShellOptions{dir.path(), kPassphrase, false});
  UiDriver ui(context, [&] { shell.frame(); });
  REQUIRE(ui.frames_until([&] { return shell.unlocked(); }, 20000));
  ui.frame(2);
  CHECK(shell.state().centre.tabs == std::vector<Tab>{{"dashboard", {}}, {"log", "0190-log"}});
  CHECK(shell.state().centre.active == Tab{"log", "0190-log"});
  CHECK(shell.state().right.tabs == std::vector<Tab>{{"image", "0190-img"}});
  pool.shutdown();
}
