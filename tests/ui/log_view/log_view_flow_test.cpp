#include <doctest/doctest.h>

#include <GLFW/glfw3.h>

#include <fstream>

#include "app/gui/views/log_line_layout.h"
#include "app/gui/views/log_view.h"
#include "tests/support/ui_driver/ui_fixture.h"

using namespace tftsr;
using namespace tftsr::gui;
using namespace tftsr::gui::test;

namespace {
// Multibyte text before the findings: their byte offsets must still land on the values.
constexpr const char* kLog =
    "2024-05-01 10:00:00 INFO  Zoë’s service started on port 8080\n"
    "2024-05-01 10:00:01 WARN  retrying ⚠ login for jane.doe@example.com\n"
    "2024-05-01 10:00:02 ERROR connection refused from 10.20.30.40\n"
    "2024-05-01 10:00:03 DEBUG cache warm\n"
    "2024-05-01 10:00:04 INFO  mail sent to bob@example.org and jane.doe@example.com\n";

struct LogFixture {
  UiFixture f;
  LogFile log;
  LogView* view = nullptr;

  explicit LogFixture(int filler_lines = 0) {
    f.config.sidebar_width = f.config.inspector_width = 120.0f;  // a wide centre pane: text and panel
    f.wait_unlocked();
    Triage& triage = *f.shell->state().triage;
    NewIncident in;
    in.title = "Login failures";
    in.severity = "P2";
    const Incident issue = triage.incidents().create(in);
    const auto path = f.dir.path() / "app.log";
    std::ofstream out(path, std::ios::binary);
    out << kLog;
    for (int i = 0; i < filler_lines; ++i) out << "2024-05-01 10:01:00 INFO  filler line " << i << "\n";
    out.close();
    log = triage.logs().add(issue.id, path);
    f.shell->state().open_tab({"log", log.id});
    if (!f.ui->frames_until([&] {
      view = f.shell->find_view<LogView>(log.id);
      return view && view->index_complete() && view->findings_loaded();
    })) {
      MESSAGE("view " << (view != nullptr) << " tabs " << f.shell->state().centre.tabs.size());
      if (view) MESSAGE("index " << view->index_complete() << " findings " << view->findings_loaded());
      for (auto& j : f.pool.jobs()) MESSAGE("job " << j.name << " running " << j.running);
      FAIL("the log view did not finish loading");
    }
  }
  Triage& triage() { return *f.shell->state().triage; }
  void scan() {
    f.ui->click("log.scan");
    REQUIRE(f.ui->frames_until([&] { return !view->busy() && !view->findings().empty(); }, 20000));
  }
  std::size_t finding_of(const std::string& value) const {
    for (std::size_t i = 0; i < view->findings().size(); ++i)
      if (view->findings()[i].original_value == value) return i;
    FAIL("no finding for " << value);
    return 0;
  }
  std::string stored_action(const std::string& span_id) {
    for (const PiiSpan& s : triage().logs().findings(log.id))
      if (s.id == span_id) return s.action;
    return "missing";
  }
};
}  // namespace

TEST_CASE("the log view shows every line of the log, numbered, once indexed") {
  LogFixture t;
  CHECK(t.view->index().lines_known() == 5);
  CHECK(t.view->first_drawn_line() == 0);
  CHECK(t.view->end_drawn_line() == 5);
  CHECK(t.view->title(t.f.shell->state()) == "app.log");
}

TEST_CASE("scanning finds the values at their exact bytes despite multibyte text before them") {
  LogFixture t;
  t.scan();
  const std::string text = t.triage().logs().text(t.log.id, false);
  for (const PiiSpan& f : t.view->findings())
    CHECK(text.substr(static_cast<std::size_t>(f.start_offset), static_cast<std::size_t>(f.end_offset - f.start_offset)) ==
          f.original_value);
  t.finding_of("jane.doe@example.com");
  t.finding_of("10.20.30.40");
  CHECK(std::is_sorted(t.view->findings().begin(), t.view->findings().end(),
                       [](const PiiSpan& a, const PiiSpan& b) { return a.start_offset < b.start_offset; }));
}

TEST_CASE("one click on a finding toggles redact and keep in the store") {
  LogFixture t;
  t.scan();
  const std::size_t i = t.finding_of("10.20.30.40");
  const std::string id = t.view->findings()[i].id;
  REQUIRE(t.stored_action(id) == "redact");
  const std::string key = "log.finding:" + std::to_string(i);
  REQUIRE(t.f.ui->has(key));
  t.f.ui->click(key);
  CHECK(t.view->findings()[i].action == "keep");
  CHECK(t.f.ui->frames_until([&] { return t.stored_action(id) == "keep"; }));
  t.f.ui->click(key);
  CHECK(t.f.ui->frames_until([&] { return t.stored_action(id) == "redact"; }));
}

TEST_CASE("the side panel keeps every finding of a type in one click") {
  LogFixture t;
  t.scan();
  t.f.ui->click("log.type_keep:Email");
  auto all_emails_kept = [&] {
    for (const PiiSpan& s : t.triage().logs().findings(t.log.id))
      if (s.pii_type == "Email" && s.action != "keep") return false;
    return true;
  };
  CHECK(t.f.ui->frames_until(all_emails_kept));
  for (const PiiSpan& s : t.triage().logs().findings(t.log.id))
    if (s.pii_type != "Email") CHECK(s.action == "redact");
}

TEST_CASE("right-click keeps every occurrence of the same value") {
  LogFixture t;
  t.scan();
  const std::size_t i = t.finding_of("jane.doe@example.com");
  const auto& item = t.f.ui->item("log.finding:" + std::to_string(i));
  t.f.context.io().MousePos = ImVec2((item.min.x + item.max.x) / 2, (item.min.y + item.max.y) / 2);
  t.f.ui->frame();
  t.f.context.io().MouseDown[1] = true;
  t.f.ui->frame();
  t.f.context.io().MouseDown[1] = false;
  t.f.ui->frame(2);
  REQUIRE(t.f.ui->has("log.menu.keep_value"));
  t.f.ui->click("log.menu.keep_value");
  auto jane_kept = [&] {
    int kept = 0;
    for (const PiiSpan& s : t.triage().logs().findings(t.log.id)) {
      if (s.original_value == "jane.doe@example.com" && s.action == "keep") ++kept;
      if (s.original_value == "bob@example.org" && s.action != "redact") return false;
    }
    return kept == 2;
  };
  CHECK(t.f.ui->frames_until(jane_kept));
}

TEST_CASE("the filter shows only matching lines, and Show all brings the rest back") {
  LogFixture t;
  t.f.ui->click("log.find");
  t.f.ui->type("jane.doe");
  t.f.ui->click("log.filter");
  REQUIRE(t.f.ui->frames_until([&] { return !t.view->busy() && t.view->end_drawn_line() == 2; }));
  t.f.ui->click("log.clear_filter");
  t.f.ui->frame(2);
  CHECK(t.view->end_drawn_line() == 5);
}

TEST_CASE("an invalid regular expression is reported, not applied") {
  LogFixture t;
  t.f.ui->click("log.regex");
  t.f.ui->click("log.find");
  t.f.ui->type("([a-z");
  t.f.ui->click("log.filter");
  REQUIRE(t.f.ui->frames_until([&] { return !t.view->busy(); }));
  CHECK(t.view->filter_error().find("regular expression") != std::string::npos);
  CHECK_FALSE(t.view->filtered());
  CHECK(t.view->end_drawn_line() == 5);
}

TEST_CASE("a regular expression filter keeps the lines it matches") {
  LogFixture t;
  t.f.ui->click("log.regex");
  t.f.ui->click("log.find");
  t.f.ui->type("(WARN|ERROR) ");
  t.f.ui->click("log.filter");
  REQUIRE(t.f.ui->frames_until([&] { return t.view->filtered() && !t.view->busy(); }));
  CHECK(t.view->end_drawn_line() == 2);
}

TEST_CASE("n and p walk through the findings in text order, and wrap") {
  LogFixture t;
  t.scan();
  const std::size_t count = t.view->findings().size();
  REQUIRE(count >= 4);
  t.f.ui->click("log.text");  // keyboard focus on the text, not in a text box
  t.f.ui->press(GLFW_KEY_N);
  CHECK(t.view->current_finding() == std::optional<std::size_t>(0));
  t.f.ui->press(GLFW_KEY_N);
  CHECK(t.view->current_finding() == std::optional<std::size_t>(1));
  t.f.ui->press(GLFW_KEY_P);
  t.f.ui->press(GLFW_KEY_P);
  CHECK(t.view->current_finding() == std::optional<std::size_t>(count - 1));
}

TEST_CASE("Ctrl+G goes to a line") {
  LogFixture t(/*filler_lines=*/600);
  CHECK(t.view->end_drawn_line() < 400);  // line 400 is off screen at first
  t.f.ui->click("log.text");
  t.f.ui->press(GLFW_KEY_G, /*ctrl=*/true);
  REQUIRE(t.f.ui->has("log.goto_input"));
  t.f.ui->type("400");
  t.f.ui->click("log.goto_go");
  CHECK_FALSE(t.f.ui->has("log.goto_input"));
  t.f.ui->frame(2);
  CHECK(t.view->first_drawn_line() <= 399);
  CHECK(t.view->end_drawn_line() > 399);
}

TEST_CASE("the preview lays the replacements over redacted values only") {
  LogFixture t;
  t.scan();
  const std::size_t i = t.finding_of("10.20.30.40");
  t.f.ui->click("log.finding:" + std::to_string(i));  // keep the address
  t.f.ui->click("log.preview");
  const std::string text = t.triage().logs().text(t.log.id, false);
  // The preview layout is what the rows draw: check it through the same function.
  const auto layout = layout_line(text, 0, t.view->findings(), /*preview=*/true, text.size());
  CHECK(layout.text.find("10.20.30.40") != std::string::npos);
  CHECK(layout.text.find("jane.doe@example.com") == std::string::npos);
  CHECK(layout.text.find("[Email]") != std::string::npos);
}

TEST_CASE("apply redactions asks first, then stores the redacted text") {
  LogFixture t;
  t.scan();
  t.f.ui->click("log.apply");
  REQUIRE(t.f.ui->has("log.apply_confirm"));
  CHECK_FALSE(t.triage().logs().get(t.log.id).redacted);
  t.f.ui->click("log.apply_confirm");
  REQUIRE(t.f.ui->frames_until([&] { return t.triage().logs().get(t.log.id).redacted && !t.view->busy(); }, 20000));
  const std::string redacted = t.triage().logs().text(t.log.id, true);
  CHECK(redacted.find("jane.doe@example.com") == std::string::npos);
  CHECK(t.f.shell->state().notifications.unread() > 0);
}
