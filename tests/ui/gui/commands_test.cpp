#include <doctest/doctest.h>

#include <GLFW/glfw3.h>

#include "app/gui/commands.h"
#include "tests/support/ui_driver/ui_fixture.h"

using namespace tftsr;
using namespace tftsr::gui;
using namespace tftsr::gui::test;

TEST_CASE("every chord in the command table is recognised, with its modifiers") {
  HeadlessContext context;
  for (const CommandRow& row : command_table()) {
    if (row.chord.key == 0) continue;
    CAPTURE(row.label);
    std::vector<Command> pressed, without_ctrl;
    ImGuiIO& io = context.io();
    io.KeyCtrl = row.chord.ctrl;
    io.KeysDown[row.chord.key] = true;
    context.frame([&] { pressed = pressed_commands(); });
    io.KeysDown[row.chord.key] = false;
    context.frame([] {});
    io.KeyCtrl = !row.chord.ctrl;
    io.KeysDown[row.chord.key] = true;
    context.frame([&] { without_ctrl = pressed_commands(); });
    io.KeysDown[row.chord.key] = false;
    io.KeyCtrl = false;
    context.frame([] {});
    CHECK(pressed == std::vector<Command>{row.id});
    CHECK(without_ctrl.empty());
  }
}

TEST_CASE("a chord's text names its keys") {
  CHECK(command_row(Command::NewIncident).chord.text() == "Ctrl+N");
  CHECK(command_row(Command::Settings).chord.text() == "Ctrl+,");
  CHECK(command_row(Command::Help).chord.text() == "F1");
  CHECK(command_row(Command::AuditLog).chord.text().empty());
}

TEST_CASE("the palette offers every command of the table, and the menus hold theirs") {
  UiFixture f;
  f.wait_unlocked();
  f.ui->press(GLFW_KEY_K, true);
  REQUIRE(f.ui->has("palette.query"));
  for (const CommandRow& row : command_table()) {
    CAPTURE(row.label);
    CHECK(f.ui->has(std::string("palette.command:") + row.label) == row.in_palette);
  }
  f.ui->press(GLFW_KEY_ESCAPE);
  REQUIRE_FALSE(f.ui->has("palette.query"));

  for (Menu menu : menu_bar()) {
    CAPTURE(menu_title(menu));
    f.ui->click(std::string("menu:") + menu_title(menu));
    for (const CommandRow& row : command_table()) {
      CAPTURE(row.label);
      CHECK(f.ui->has(std::string("menu.item:") + row.label) == (row.menu == menu));
    }
    f.ui->press(GLFW_KEY_ESCAPE);
  }
}

TEST_CASE("a menu item runs its command") {
  UiFixture f;
  f.wait_unlocked();
  f.ui->click("menu:File");
  f.ui->click("menu.item:Audit log");
  f.ui->frame(2);
  CHECK(f.shell->state().centre.active == Tab{"audit", {}});
}

TEST_CASE("File > Compact the database vacuums on the worker pool, and search still finds the incidents") {
  UiFixture f;
  f.wait_unlocked();
  Triage& triage = *f.shell->state().triage;
  const Incident kept = triage.incidents().create({"zeppelin cache expired", "P3", {}, std::string(20000, 'x')});
  triage.incidents().remove(triage.incidents().create({"walrus gone", "P3", {}, std::string(200000, 'y')}).id);
  f.ui->click("menu:File");
  f.ui->click("menu.item:Compact the database");
  const auto& notices = f.shell->state().notifications.all();
  REQUIRE(f.ui->frames_until([&] { return !notices.empty() && notices.back().title == "Database compacted"; }, 20000));
  CHECK(notices.back().message.find("search indexes were rebuilt") != std::string::npos);
  REQUIRE(triage.incidents().search("zeppelin").size() == 1);
  CHECK(triage.incidents().search("zeppelin").front().id == kept.id);
  CHECK(triage.incidents().search("walrus").empty());
}

TEST_CASE("the help page lists the chord of every command that has one") {
  UiFixture f;
  f.wait_unlocked();
  f.ui->press(GLFW_KEY_F1);
  REQUIRE(f.shell->state().centre.active == Tab{"help", {}});
  for (const CommandRow& row : command_table()) {
    if (row.chord.key == 0) continue;
    CAPTURE(row.label);
    CHECK(f.ui->has("help.chord:" + row.chord.text()));
  }
}
