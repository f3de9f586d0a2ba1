// The log view at the default window size (1280×800, sidebar and inspector at their default
// widths): everything on the toolbar is reachable, the findings panel is shown whenever it is on,
// the sides collapse to give the text room, and long lines can wrap.
#include <doctest/doctest.h>

#include <GLFW/glfw3.h>

#include <fstream>

#include "app/gui/views/log_view.h"
#include "tests/support/ui_driver/ui_fixture.h"

using namespace tftsr;
using namespace tftsr::gui;
using namespace tftsr::gui::test;

namespace {

struct DefaultSizeLog {
  UiFixture f;  // 1280×800, the default pane widths
  LogFile log;
  LogView* view = nullptr;

  explicit DefaultSizeLog(const std::string& long_line = {}) {
    f.wait_unlocked();
    Triage& triage = *f.shell->state().triage;
    NewIncident in;
    in.title = "Slow logins";
    in.severity = "P3";
    const Incident incident = triage.incidents().create(in);
    const auto path = f.dir.path() / "auth.log";
    std::ofstream out(path);
    out << "2024-05-01 10:00:00 INFO  login for jane.doe@example.com\n";
    if (!long_line.empty()) out << long_line << "\n";
    out << "2024-05-01 10:00:02 ERROR refused from 10.20.30.40\n";
    out.close();
    log = triage.logs().add(incident.id, path);
    f.shell->state().open_tab({"log", log.id});
    REQUIRE(f.ui->frames_until([&] {
      view = f.shell->find_view<LogView>(log.id);
      return view && view->index_complete() && view->findings_loaded();
    }));
    f.ui->frame(2);
  }
  float text_width() const { return f.ui->item("log.text").max.x - f.ui->item("log.text").min.x; }
};

}  // namespace

TEST_CASE("at the default size the whole toolbar lies inside the log pane and the findings panel shows") {
  DefaultSizeLog t;
  const float pane_right = t.f.ui->item("log.text").max.x;
  for (const char* key : {"log.scan", "log.apply", "log.preview", "log.patterns", "log.view_menu", "log.find", "log.regex",
                          "log.filter"}) {
    CAPTURE(key);
    CHECK(t.f.ui->item(key).max.x <= pane_right + 1.0f);
  }
  REQUIRE(t.f.ui->has("log.findings_panel"));  // on by default, and not hidden for lack of width
  CHECK(t.f.ui->item("log.findings_panel").max.x <= pane_right + 1.0f);
}

TEST_CASE("the findings panel follows its checkbox in the view menu") {
  DefaultSizeLog t;
  t.f.ui->click("log.view_menu");
  t.f.ui->click("log.findings_panel_toggle");
  t.f.ui->frame(2);
  CHECK_FALSE(t.f.shell->state().config.log_findings_panel);
  CHECK_FALSE(t.f.ui->has("log.findings_panel"));
}

TEST_CASE("Ctrl+B and the pane button collapse the sides, the log gets their width, and the panel moves beside") {
  DefaultSizeLog t;
  const float before = t.text_width();
  t.f.ui->click("log.text");
  t.f.ui->press(GLFW_KEY_B, true);
  t.f.ui->frame(2);
  CHECK(t.f.shell->state().config.sidebar_collapsed);
  const float without_sidebar = t.text_width();
  CHECK(without_sidebar > before);
  t.f.ui->click("pane.toggle_inspector");
  t.f.ui->frame(2);
  CHECK(t.f.shell->state().config.inspector_collapsed);
  REQUIRE(t.f.ui->has("log.findings_panel"));
  // With the room of both sides the panel stands beside the text.
  CHECK(t.f.ui->item("log.findings_panel").min.x >= t.f.ui->item("log.text").max.x);
  t.f.ui->click("pane.toggle_sidebar");
  t.f.ui->frame(2);
  CHECK_FALSE(t.f.shell->state().config.sidebar_collapsed);
}

TEST_CASE("with wrapping on, a finding at the end of a long line is drawn inside the pane, on a later row") {
  std::string long_line = "2024-05-01 10:00:01 WARN  ";
  for (int i = 0; i < 40; ++i) long_line += "word" + std::to_string(i) + " ";
  long_line += "bob@example.org";
  DefaultSizeLog t(long_line);
  t.f.ui->click("log.scan");
  REQUIRE(t.f.ui->frames_until([&] { return !t.view->busy() && t.view->findings().size() >= 3; }, 20000));
  std::size_t bob = t.view->findings().size();
  for (std::size_t i = 0; i < t.view->findings().size(); ++i)
    if (t.view->findings()[i].original_value == "bob@example.org") bob = i;
  REQUIRE(bob < t.view->findings().size());
  const std::string key = "log.finding:" + std::to_string(bob);
  t.f.ui->frame(2);
  CHECK(t.f.ui->item(key).min.x > t.f.ui->item("log.text").max.x);  // off to the right, unwrapped

  t.f.ui->click("log.view_menu");
  t.f.ui->click("log.wrap");
  t.f.ui->frame(3);
  REQUIRE(t.f.shell->state().config.log_wrap);
  const probe::Item& finding = t.f.ui->item(key);
  const probe::Item& text = t.f.ui->item("log.text");
  CHECK(finding.max.x <= text.max.x);
  // Line 2's first row is the second row of the text: the finding sits well below it.
  CHECK(finding.min.y > text.min.y + ImGui::GetTextLineHeightWithSpacing() * 2.5f);
}
