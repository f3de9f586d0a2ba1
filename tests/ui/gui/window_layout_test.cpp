#include <doctest/doctest.h>

#include <fstream>

#include "app/gui/ui_config.h"
#include "app/gui/views/log_findings_panel.h"
#include "tests/support/temp_dir.h"

using namespace tftsr::gui;

TEST_CASE("the first window takes about 80% of the monitor's work area") {
  const WindowSize big = fit_window_to_work_area(2560, 1400);
  CHECK(big.width == 2048);
  CHECK(big.height == 1120);
  const WindowSize laptop = fit_window_to_work_area(1366, 728);
  CHECK(laptop.width == 1092);
  CHECK(laptop.height == 582);
  // Never below 640×480, unless the work area itself is smaller.
  const WindowSize small = fit_window_to_work_area(700, 500);
  CHECK(small.width == 640);
  CHECK(small.height == 480);
  const WindowSize tiny = fit_window_to_work_area(600, 400);
  CHECK(tiny.width == 600);
  CHECK(tiny.height == 400);
}

TEST_CASE("a saved window size is used and without one the window fits the monitor") {
  tftsr::test::TempDir dir;
  const auto file = dir.path() / "gui.json";
  CHECK_FALSE(load_ui_config(file).window_size_saved);
  UiConfig c;
  c.window_width = 1500;
  c.window_height = 900;
  c.sidebar_collapsed = true;
  c.inspector_collapsed = true;
  c.log_wrap = true;
  c.log_findings_panel = false;
  save_ui_config(c, file);
  const UiConfig back = load_ui_config(file);
  CHECK(back.window_size_saved);
  CHECK(back.window_width == 1500);
  CHECK(back.sidebar_collapsed);
  CHECK(back.inspector_collapsed);
  CHECK(back.log_wrap);
  CHECK_FALSE(back.log_findings_panel);
  std::ofstream(file) << R"({"theme": "light"})";
  const UiConfig partial = load_ui_config(file);
  CHECK_FALSE(partial.window_size_saved);
  CHECK_FALSE(partial.sidebar_collapsed);
  CHECK(partial.log_findings_panel);
}

TEST_CASE("the findings panel is beside the text in a wide pane, below it in a narrow one, never gone") {
  const float font = 16;
  const ImVec2 spacing(8, 6);
  const LogPanelPlacement wide = place_log_findings_panel(true, ImVec2(1000, 600), font, spacing);
  CHECK(wide.panel == LogPanelPlacement::Beside);
  CHECK(wide.text_size.x == doctest::Approx(1000 - 15 * font - 8));
  const LogPanelPlacement narrow = place_log_findings_panel(true, ImVec2(560, 600), font, spacing);
  CHECK(narrow.panel == LogPanelPlacement::Below);
  CHECK(narrow.text_size.y > 300);
  CHECK(narrow.text_size.y < 600 - 6 * font);  // room for at least six lines of panel
  const LogPanelPlacement low = place_log_findings_panel(true, ImVec2(560, 120), font, spacing);
  CHECK(low.panel == LogPanelPlacement::Below);
  CHECK(low.text_size.y >= 4 * font);
  CHECK(place_log_findings_panel(false, ImVec2(1000, 600), font, spacing).panel == LogPanelPlacement::Hidden);
}
