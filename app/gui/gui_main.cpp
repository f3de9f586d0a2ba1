#include "app/gui/gui_main.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "app/gui/data_location.h"
#include "app/gui/desktop_window.h"
#include "app/gui/gui_options.h"
#include "app/gui/shell.h"
#include "app/gui/termination_watch.h"
#include "app/gui/theme.h"
#include "app/gui/ui_config.h"
#include "core/error.h"

namespace tftsr::gui {

namespace {

std::optional<std::string> passphrase_from_environment() {
  const char* key = std::getenv("TFTSR_DB_KEY");
  if (!key || !*key) return std::nullopt;
  return std::string(key);
}

// Runs the window until the user quits, a signal arrives, or the requested frames are done.
int run_window(const GuiOptions& options, TerminationWatch& termination) {
  const auto config_file = config_dir() / "gui.json";
  UiConfig config = load_ui_config(config_file);
  const std::filesystem::path data_dir = options.data_dir.value_or(resolve_data_dir());
  std::error_code ec;
  std::filesystem::create_directories(data_dir, ec);
  if (ec) {
    std::cerr << "tftsr: cannot create the data folder " << data_dir << ": " << ec.message() << '\n';
    return 1;
  }

  DesktopWindow window(config, config_dir() / "imgui.ini");
  termination.set_wake(&DesktopWindow::wake);
  // The first frame with the alphabets only, which build in a fraction of the time; the CJK glyphs
  // follow on the next frame (see FontCoverage).
  FontCoverage coverage = FontCoverage::Alphabets;
  LoadedFonts fonts = window.rebuild_fonts(config.font_size, coverage);
  apply_theme(config.theme, window.content_scale());

  const auto passphrase = passphrase_from_environment();
  WorkerPool pool(2, &DesktopWindow::wake);
  Shell shell(pool, config, ShellOptions{data_dir, passphrase, true, options.files});
  shell.state().mono_font = fonts.mono;
  shell.state().heading_font = fonts.heading;
  shell.state().content_scale = window.content_scale();

  const auto started = std::chrono::steady_clock::now();
  int frame = 0;
  int settle_frames = 2;    // ImGui needs a frame or two after an input to show its effect
  int ready_frames = 0;     // frames drawn since the screenshot's subject is on screen
  bool screenshot_taken = false;
  for (;;) {
    const bool screenshot_pending = options.screenshot && !screenshot_taken;
    const bool continuous = screenshot_pending || options.frames || shell.wants_continuous_frames();
    if (window.input_pending()) {
      window.poll();  // queued input is delivered one transition per frame, without waiting
      settle_frames = 2;
    } else if (settle_frames > 0) {
      window.poll();
      --settle_frames;
    } else {
      window.wait(continuous);
      settle_frames = 2;
    }
    if (termination.requested() || window.close_requested()) break;

    if (window.content_scale_changed()) {
      shell.state().fonts_dirty = shell.state().theme_dirty = true;
      shell.state().content_scale = window.content_scale();
    }
    if (shell.state().fonts_dirty) {
      fonts = window.rebuild_fonts(config.font_size, coverage);
      shell.state().mono_font = fonts.mono;
      shell.state().heading_font = fonts.heading;
      shell.state().fonts_dirty = false;
    }
    if (shell.state().theme_dirty) {
      apply_theme(config.theme, window.content_scale());
      shell.state().theme_dirty = false;
    }
    if (auto dropped = window.take_dropped_files(); !dropped.empty()) shell.drop_files(dropped);

    window.begin_frame();
    shell.frame();
    ++frame;

    const std::filesystem::path* capture = nullptr;
    if (screenshot_pending) {
      // With a key in the environment the picture is of the unlocked workspace.
      const bool subject_ready = !passphrase || shell.unlocked() || !shell.unlock_screen().error().empty();
      const bool timed_out = std::chrono::steady_clock::now() - started > std::chrono::seconds(60);
      if (subject_ready || timed_out) ++ready_frames;
      if (ready_frames >= 6) capture = &*options.screenshot;
    }
    window.end_frame(capture);
    if (coverage == FontCoverage::Alphabets) {
      coverage = FontCoverage::AllScripts;
      shell.state().fonts_dirty = true;
    }
    if (capture) {
      screenshot_taken = true;
      break;
    }
    if (options.frames && frame >= *options.frames) break;
    if (shell.quit_requested()) break;
  }

  // Clean end: stop background work, close the store, remember the layout.
  pool.shutdown();
  pool.drain();
  shell.close_store();
  if (!options.screenshot) {
    window.remember_geometry(config);
    shell.store_layout();
    try {
      save_ui_config(config, config_file);
    } catch (const Error& e) {
      std::cerr << "tftsr: " << e.what() << '\n';
    }
  }
  if (options.screenshot && !screenshot_taken) {
    std::cerr << "tftsr: no screenshot was taken: the program stopped after " << frame
              << " frames, before the picture was ready (drop --frames or raise it)\n";
    return 1;
  }
  return 0;
}

}  // namespace

int run_gui(int argc, char** argv) {
  GuiOptions options;
  try {
    options = parse_gui_options(argc, argv);
  } catch (const Error& e) {
    std::cerr << "tftsr: " << e.what() << '\n';
    return 2;
  }
  if (options.help) {
    std::cout << gui_usage();
    return 0;
  }
  TerminationWatch termination;  // before any thread starts
  glfwSetErrorCallback([](int, const char* description) { std::cerr << "tftsr: window system: " << description << '\n'; });
#if GLFW_VERSION_MAJOR > 3 || (GLFW_VERSION_MAJOR == 3 && GLFW_VERSION_MINOR >= 4)
  glfwInitHint(GLFW_PLATFORM, GLFW_PLATFORM_X11);
#endif
  if (!glfwInit()) {
    std::cerr << "tftsr: no display is available. Use a subcommand (tftsr --help) to work without a window.\n";
    return 1;
  }
  int rc = 1;
  try {
    rc = run_window(options, termination);
  } catch (const Error& e) {
    std::cerr << "tftsr: " << e.what() << '\n';
    rc = 1;
  }
  glfwTerminate();
  return rc;
}

}  // namespace tftsr::gui
