#include <doctest/doctest.h>

#include <GLFW/glfw3.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <thread>

#include "tests/support/ui_driver/ui_fixture.h"

using namespace tftsr;
using namespace tftsr::gui;
using namespace tftsr::gui::test;

TEST_CASE("the workspace opens on the dashboard and F1, Ctrl+, and Ctrl+W manage tabs") {
  UiFixture f;
  f.wait_unlocked();
  auto& centre = f.shell->state().centre;
  REQUIRE(centre.tabs.size() == 1);
  CHECK(centre.tabs[0].kind == "dashboard");

  f.ui->press(GLFW_KEY_F1);
  CHECK(centre.active == Tab{"help", {}});
  f.ui->press(GLFW_KEY_COMMA, true);
  CHECK(centre.active == Tab{"settings", {}});
  CHECK(centre.tabs.size() == 3);
  f.ui->press(GLFW_KEY_W, true);
  CHECK(centre.tabs.size() == 2);
  CHECK(std::find(centre.tabs.begin(), centre.tabs.end(), Tab{"settings", {}}) == centre.tabs.end());
}

TEST_CASE("the command palette runs the command typed into it") {
  UiFixture f;
  f.wait_unlocked();
  f.ui->press(GLFW_KEY_K, true);
  REQUIRE(f.ui->has("palette.query"));
  f.ui->type("audit");
  CHECK(f.ui->has("palette.command:Audit log"));
  CHECK_FALSE(f.ui->has("palette.command:New incident"));
  f.ui->press(GLFW_KEY_ENTER);
  f.ui->frame(2);
  CHECK(f.shell->state().centre.active == Tab{"audit", {}});
  CHECK_FALSE(f.ui->has("palette.query"));
}

TEST_CASE("a tab moves to the other pane and the arrangement is stored in the config") {
  UiFixture f;
  f.wait_unlocked();
  auto& state = f.shell->state();
  state.open_tab({"help", {}});
  f.ui->frame(2);
  state.move_tab({"help", {}}, PaneId::Right);
  f.ui->frame(2);
  CHECK(state.right.tabs == std::vector<Tab>{{"help", {}}});
  CHECK(state.right.active == Tab{"help", {}});
  f.shell->store_layout();
  REQUIRE(f.config.tabs.size() == 2);
  CHECK(f.config.tabs[1].kind == "help");
  CHECK(f.config.tabs[1].pane == "right");
  CHECK(f.config.tabs[1].active);
}

TEST_CASE("a tab dragged with the mouse onto the right pane moves there") {
  UiFixture f;
  f.wait_unlocked();
  auto& state = f.shell->state();
  state.open_tab({"help", {}});
  f.ui->frame(3);
  const auto tab = f.ui->item("tab:help:");
  ImGuiIO& io = f.context.io();
  io.MousePos = ImVec2((tab.min.x + tab.max.x) / 2, (tab.min.y + tab.max.y) / 2);
  f.ui->frame();
  io.MouseDown[0] = true;
  f.ui->frame();
  const ImVec2 target(io.DisplaySize.x - 100, io.DisplaySize.y / 2);  // inside the right pane
  for (int i = 1; i <= 10; ++i) {
    io.MousePos = ImVec2(io.MousePos.x + (target.x - io.MousePos.x) * i / 10.0f,
                         io.MousePos.y + (target.y - io.MousePos.y) * i / 10.0f);
    f.ui->frame();
  }
  io.MouseDown[0] = false;
  f.ui->frame(3);
  CHECK(state.right.tabs == std::vector<Tab>{{"help", {}}});
  CHECK(std::find(state.centre.tabs.begin(), state.centre.tabs.end(), Tab{"help", {}}) == state.centre.tabs.end());
}

TEST_CASE("saved tabs come back after unlocking") {
  TempDir dir;
  UiConfig config;
  config.tabs = {{"dashboard", "", "centre", false}, {"audit", "", "centre", true}, {"help", "", "right", false},
                 {"bogus", "", "centre", false}};
  WorkerPool pool(1);
  HeadlessContext context;
  Shell shell(pool, config, ShellOptions{dir.path(), kPassphrase, false});
  UiDriver ui(context, [&] { shell.frame(); });
  REQUIRE(ui.frames_until([&] { return shell.unlocked(); }, 20000));
  ui.frame(2);
  CHECK(shell.state().centre.tabs == std::vector<Tab>{{"dashboard", {}}, {"audit", {}}});
  CHECK(shell.state().centre.active == Tab{"audit", {}});  // the tab that was showing
  CHECK(shell.state().right.tabs == std::vector<Tab>{{"help", {}}});
  pool.shutdown();
}

TEST_CASE("dropped log files are imported into the open incident") {
  UiFixture f;
  f.wait_unlocked();
  const auto log = f.dir.path() / "nginx.log";
  std::ofstream(log) << "2026-01-01 10:00:00 GET / 502\n2026-01-01 10:00:01 GET / 200\n";
  f.shell->drop_files({log});
  REQUIRE(f.shell->state().notifications.all().size() == 1);
  CHECK(f.shell->state().notifications.all().back().title == "No incident to attach to");

  NewIncident in;
  in.title = "Web tier errors";
  in.severity = "P2";
  auto issue = f.shell->state().triage->incidents().create(in);
  f.shell->state().open_tab({"incident", issue.id});
  f.ui->frame(3);
  f.shell->drop_files({log});
  REQUIRE(f.ui->frames_until([&] { return f.shell->state().notifications.all().back().title == "Log imported"; }));
  auto logs = f.shell->state().triage->logs().list(issue.id);
  REQUIRE(logs.size() == 1);
  CHECK(logs[0].file_name == "nginx.log");
  CHECK(logs[0].line_count == 2);
}

TEST_CASE("a binary file dropped on an incident is refused with a message") {
  UiFixture f;
  f.wait_unlocked();
  NewIncident in;
  in.title = "Core dump";
  in.severity = "P3";
  auto issue = f.shell->state().triage->incidents().create(in);
  f.shell->state().open_tab({"incident", issue.id});
  f.ui->frame(3);
  const auto bin = f.dir.path() / "core.bin";
  {
    std::ofstream out(bin, std::ios::binary);
    for (int i = 0; i < 4096; ++i) out.put(static_cast<char>(i % 7 == 0 ? 0 : i));
  }
  f.shell->drop_files({bin});
  REQUIRE(f.ui->frames_until([&] { return !f.pool.busy() && !f.shell->state().notifications.all().empty(); }));
  CHECK(f.shell->state().notifications.all().back().title == "Could not import core.bin");
  CHECK(f.shell->state().triage->logs().list(issue.id).empty());
}

TEST_CASE("changing the passphrase in Settings re-keys the store on the pool") {
  UiFixture f;
  f.wait_unlocked();
  f.ui->press(GLFW_KEY_COMMA, true);
  f.ui->click("settings.new_passphrase");
  f.ui->type("a brand new passphrase");
  f.ui->click("settings.confirm_passphrase");
  f.ui->type("a brand new passphrase");
  f.ui->click("settings.change_passphrase");
  CHECK(f.shell->state().rekey_running);
  REQUIRE(f.ui->frames_until([&] { return !f.shell->state().rekey_running; }, 30000));
  CHECK(f.shell->state().notifications.all().back().title == "Passphrase changed");
  f.shell->close_store();
  CHECK_THROWS_AS(Triage::open(f.dir.path(), kPassphrase), Error);
  CHECK_NOTHROW(Triage::open(f.dir.path(), "a brand new passphrase"));
}

TEST_CASE("turning a PII type off in Settings reaches the store's detection setting") {
  UiFixture f;
  f.wait_unlocked();
  f.ui->press(GLFW_KEY_COMMA, true);
  f.ui->frame(2);
  f.ui->click("settings.pii:Hostname");
  f.ui->frame(1);
  CHECK(f.shell->state().triage->settings().get(kDisabledPiiTypesSetting) == "Hostname");
  f.ui->click("settings.pii:Ipv4");
  f.ui->frame(1);
  CHECK(f.shell->state().triage->settings().get(kDisabledPiiTypesSetting) == "Ipv4,Hostname");
  f.ui->click("settings.pii:Hostname");
  f.ui->frame(1);
  CHECK(f.shell->state().triage->settings().get(kDisabledPiiTypesSetting) == "Ipv4");
}

TEST_CASE("a failed background job becomes a toast and stays in the notifications") {
  UiFixture f;
  f.wait_unlocked();
  f.pool.submit("Import of nothing", [](JobContext&) -> WorkerPool::Apply {
    throw Error(ErrorKind::Io, "the file vanished");
  });
  REQUIRE(f.ui->frames_until([&] { return !f.shell->state().notifications.all().empty(); }));
  const auto& n = f.shell->state().notifications.all().back();
  CHECK(n.title == "Import of nothing failed");
  CHECK(n.message == "the file vanished");
  CHECK(n.level == NoticeLevel::Error);
  CHECK(f.shell->wants_continuous_frames());  // the toast is on screen and fading
}

TEST_CASE("with nothing to do, the shell lets the loop sleep") {
  UiFixture f;
  f.wait_unlocked();
  f.ui->frames_until([&] { return !f.pool.busy(); });
  f.context.frame([] {}, 10.0f);  // time passes: toasts, if any, are gone
  f.ui->frame();
  CHECK_FALSE(f.shell->wants_continuous_frames());
}

TEST_CASE("closing the store waits for a running job to stop before the store goes") {
  UiFixture f;
  f.wait_unlocked();
  Triage* triage = f.shell->state().triage.get();
  const auto expected = triage->database_path();
  std::atomic<bool> started{false}, finished{false};
  std::filesystem::path seen;
  // Like a streamed answer: it holds the store until cancelled, and stopping takes a while.
  f.pool.submit("Streaming an answer", [&, triage](JobContext& ctx) -> WorkerPool::Apply {
    started = true;
    while (!ctx.cancelled()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    seen = triage->database_path();
    finished = true;
    return [] {};
  });
  while (!started) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  f.shell->close_store();
  CHECK(finished);
  CHECK(seen == expected);
  CHECK_FALSE(f.shell->unlocked());
}

TEST_CASE("closing the store cancels the jobs of the open views and drops their results") {
  UiFixture f;
  f.wait_unlocked();
  f.shell->state().open_tab({"audit", {}});
  f.ui->frame(2);
  REQUIRE(f.shell->view(Tab{"audit", {}}) != nullptr);
  f.shell->close_store();
  CHECK(f.shell->view(Tab{"audit", {}}) == nullptr);
  CHECK(f.pool.jobs().empty());
  f.pool.drain();  // whatever was on its way reaches no view
  CHECK(f.shell->state().centre.tabs.size() == 2);  // the layout stays, to be saved
}
