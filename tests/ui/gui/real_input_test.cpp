// Input through a real window on a real (virtual) X server, sent by xdotool the way a fast user
// or a busy frame delivers it: several transitions between two frames.
#include <doctest/doctest.h>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <chrono>
#include <cstdlib>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "app/gui/desktop_window.h"
#include "app/gui/shell.h"
#include "app/gui/theme.h"
#include "app/gui/ui_probe.h"
#include "tests/support/temp_dir.h"

using namespace tftsr;
using namespace tftsr::gui;

namespace {

struct GlfwSession {
  GlfwSession() { REQUIRE(glfwInit()); }
  ~GlfwSession() { glfwTerminate(); }
};

struct RealWindow {
  RealWindow() {
    config.window_width = 1100;
    config.window_height = 700;
    config.window_size_saved = true;
    config.window_x = config.window_y = 0;
    window = std::make_unique<DesktopWindow>(config, dir.path() / "imgui.ini");
    const LoadedFonts fonts = window->rebuild_fonts(config.font_size, FontCoverage::Alphabets);
    apply_theme(config.theme, window->content_scale());
    shell = std::make_unique<Shell>(pool, config,
                                    ShellOptions{dir.path(), std::string("real input test"), false});
    shell->state().mono_font = fonts.mono;
    shell->state().heading_font = fonts.heading;
    probe::set_enabled(true);
  }
  ~RealWindow() {
    probe::set_enabled(false);
    pool.shutdown();
    pool.drain();
    shell.reset();
    window.reset();
  }

  void frame() {
    window->poll();
    probe::clear();
    window->begin_frame();
    shell->frame();
    window->end_frame(nullptr);
  }
  bool frames_until(const std::function<bool()>& done, int timeout_ms = 5000) {
    const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (std::chrono::steady_clock::now() < end) {
      frame();
      if (done()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return false;
  }
  // xdotool with window coordinates turned into screen ones; waits until X has the events, so
  // the next poll takes them all at once.
  void xdotool(const std::string& args) {
    int x = 0, y = 0;
    glfwGetWindowPos(glfwGetCurrentContext(), &x, &y);
    std::string command = "xdotool " + args;
    for (const char* mark : {"{X", "{Y"}) {
      for (std::size_t at; (at = command.find(mark)) != std::string::npos;) {
        const std::size_t close = command.find('}', at);
        const int value = std::stoi(command.substr(at + 2, close - at - 2)) + (mark[1] == 'X' ? x : y);
        command.replace(at, close - at + 1, std::to_string(value));
      }
    }
    REQUIRE(std::system(command.c_str()) == 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  static std::string centre_of(const probe::Item& item) {
    return "{X" + std::to_string(static_cast<int>((item.min.x + item.max.x) / 2)) + "} {Y" +
           std::to_string(static_cast<int>((item.min.y + item.max.y) / 2)) + "}";
  }

  test::TempDir dir;
  UiConfig config;
  WorkerPool pool{2, &DesktopWindow::wake};
  std::unique_ptr<DesktopWindow> window;
  std::unique_ptr<Shell> shell;
};

}  // namespace

TEST_CASE("a move, press and release delivered together switch the tab") {
  GlfwSession glfw;
  RealWindow w;
  REQUIRE(w.frames_until([&] { return w.shell->unlocked(); }, 20000));
  auto& centre = w.shell->state().centre;
  w.shell->state().open_tab({"help", {}});
  REQUIRE(w.frames_until([&] { return centre.active == Tab{"help", {}} && probe::find("tab:dashboard:"); }));
  w.xdotool("mousemove {X600} {Y500}");  // rest the pointer away from the tabs first
  REQUIRE(w.frames_until([&] { return ImGui::GetIO().MousePos.x > 0; }));
  const probe::Item tab = *probe::find("tab:dashboard:");

  w.xdotool("mousemove " + RealWindow::centre_of(tab) + " click 1");
  CHECK(w.frames_until([&] { return centre.active == Tab{"dashboard", {}}; }, 2000));
}

TEST_CASE("a shortcut pressed and released together is not lost") {
  GlfwSession glfw;
  RealWindow w;
  REQUIRE(w.frames_until([&] { return w.shell->unlocked(); }, 20000));
  w.xdotool("mousemove {X600} {Y500}");  // keys go to the window under the pointer
  REQUIRE(w.frames_until([&] { return ImGui::GetIO().MousePos.x > 0; }));
  CHECK_FALSE(probe::find("new_incident.title"));

  w.xdotool("key ctrl+n");
  CHECK(w.frames_until([&] { return probe::find("new_incident.title") != nullptr; }, 2000));
}
