#include <doctest/doctest.h>

#include <fstream>

#include "app/gui/views/incident_view.h"
#include "app/gui/views/log_view.h"
#include "app/gui/views/patterns_view.h"
#include "tests/support/ui_driver/ui_fixture.h"

using namespace tftsr;
using namespace tftsr::gui;
using namespace tftsr::gui::test;

namespace {
// A quiet start, then a database outage: the refused connections are the first error and the
// pattern that matters most.
constexpr const char* kLog =
    "2024-05-01 10:00:00 INFO  service started on port 8080\n"
    "2024-05-01 10:00:01 INFO  request 17 served in 12 ms\n"
    "2024-05-01 10:00:02 INFO  request 18 served in 9 ms\n"
    "2024-05-01 10:01:00 INFO  request 19 served in 11 ms\n"
    "2024-05-01 10:02:00 WARN  pool at 90% of 50 connections\n"
    "2024-05-01 10:02:05 ERROR connection refused by db-1 after 3000 ms\n"
    "2024-05-01 10:02:06 ERROR connection refused by db-2 after 3001 ms\n"
    "2024-05-01 10:02:07 INFO  request 20 served in 14 ms\n"
    "2024-05-01 10:02:08 ERROR connection refused by db-1 after 2999 ms\n"
    "2024-05-01 10:03:00 INFO  request 21 served in 10 ms\n";

struct PatternsFixture {
  UiFixture f;
  Incident incident;
  LogFile log;

  // filler: quiet lines before the log, so that going to a line has to scroll.
  explicit PatternsFixture(int filler = 0) {
    f.config.sidebar_width = f.config.inspector_width = 200.0f;
    f.wait_unlocked();
    Triage& triage = *f.shell->state().triage;
    NewIncident in;
    in.title = "Checkout fails: connection refused by the database";
    in.severity = "P2";
    incident = triage.incidents().create(in);
    std::string text;
    for (int i = 0; i < filler; ++i) text += "2024-05-01 09:00:00 INFO  warming cache entry " + std::to_string(i) + "\n";
    log = add_log(incident.id, "app.log", text + kLog);
  }
  LogFile add_log(const std::string& incident_id, const std::string& name, const std::string& text) {
    const auto path = f.dir.path() / name;
    std::ofstream(path, std::ios::binary) << text;
    LogFile added = f.shell->state().triage->logs().add(incident_id, path);
    f.shell->state().changed();
    return added;
  }
  PatternsView* open_patterns(const std::string& id) {
    f.shell->state().open_tab({PatternsView::kKind, id});
    PatternsView* view = nullptr;
    REQUIRE(f.ui->frames_until([&] {
      view = f.shell->find_view<PatternsView>(id);
      return view && view->loaded();
    }, 20000));
    f.ui->frame(2);
    return view;
  }
  const PatternRow& row_with(PatternsView& view, const std::string& words) {
    for (const PatternRow& r : view.mined()->rows)
      if (r.pattern.text.find(words) != std::string::npos) return r;
    FAIL("no pattern with " << words);
    return view.mined()->rows.front();
  }
};
}  // namespace

TEST_CASE("the patterns tab of a log lists its templates with their counts, most lines first") {
  PatternsFixture t;
  PatternsView* view = t.open_patterns(t.log.id);
  const auto& rows = view->mined()->rows;
  REQUIRE(rows.size() >= 4);
  const PatternRow& served = t.row_with(*view, "served in");
  CHECK(served.pattern.count == 5);
  CHECK(served.pattern.text.find("<*>") != std::string::npos);
  const PatternRow& refused = t.row_with(*view, "connection refused");
  CHECK(refused.pattern.count == 3);
  CHECK(refused.pattern.level == patterns::LogLevel::Error);
  CHECK(refused.pattern.first_line == 6);
  CHECK_FALSE(refused.sparkline.empty());
  CHECK(rows.front().pattern.count >= rows.back().pattern.count);
  CHECK(t.f.ui->has("patterns.row:" + refused.pattern.text));
  CHECK(view->title(t.f.shell->state()) == "Patterns: app.log");
}

TEST_CASE("the filter box keeps the patterns whose text or level matches") {
  PatternsFixture t;
  PatternsView* view = t.open_patterns(t.log.id);
  const std::string refused = t.row_with(*view, "connection refused").pattern.text;
  t.f.ui->click("patterns.filter");
  t.f.ui->type("REFUSED");
  t.f.ui->frame(2);
  REQUIRE(view->shown().size() == 1);
  CHECK(view->mined()->rows[view->shown().front()].pattern.text == refused);
  CHECK_FALSE(t.f.ui->has("patterns.row:" + t.row_with(*view, "served in").pattern.text));
}

TEST_CASE("clicking a column header sorts the patterns by it, a second click reverses the order") {
  PatternsFixture t;
  PatternsView* view = t.open_patterns(t.log.id);
  const auto first_seen = [&](std::size_t shown_index) {
    return *view->mined()->rows[view->shown()[shown_index]].pattern.first_time;
  };
  t.f.ui->click("patterns.sort:First seen");
  REQUIRE(view->shown().size() >= 4);
  CHECK(view->mined()->rows[view->shown().front()].pattern.text.find("service started") != std::string::npos);
  for (std::size_t i = 1; i < view->shown().size(); ++i) CHECK(first_seen(i - 1) <= first_seen(i));
  t.f.ui->click("patterns.sort:First seen");
  for (std::size_t i = 1; i < view->shown().size(); ++i) CHECK(first_seen(i - 1) >= first_seen(i));
  t.f.ui->click("patterns.sort:Count");
  CHECK(view->mined()->rows[view->shown().front()].pattern.text.find("served in") != std::string::npos);
}

TEST_CASE("clicking a pattern opens the log filtered to that pattern's lines") {
  PatternsFixture t;
  PatternsView* view = t.open_patterns(t.log.id);
  const PatternRow& refused = t.row_with(*view, "connection refused");
  t.f.ui->click("patterns.row:" + refused.pattern.text);
  LogView* log = nullptr;
  REQUIRE(t.f.ui->frames_until([&] {
    log = t.f.shell->find_view<LogView>(t.log.id);
    return log && log->filtered() && !log->busy();
  }, 20000));
  CHECK(log->pattern_filter() == refused.pattern.text);
  const LineFilterResult* lines = log->filter_result();
  REQUIRE(lines != nullptr);
  REQUIRE(lines->lines.size() == 3);
  CHECK(lines->lines[0].line == 5);  // 0-based: the sixth line
  CHECK(lines->lines[1].line == 6);
  CHECK(lines->lines[2].line == 8);
  for (const FilteredLine& l : lines->lines) CHECK(l.text.find("connection refused") != std::string::npos);
  t.f.ui->frame(2);
  CHECK(log->end_drawn_line() == 3);
}

TEST_CASE("the log view's Patterns button opens the log's patterns tab") {
  PatternsFixture t;
  t.f.shell->state().open_tab({LogView::kKind, t.log.id});
  REQUIRE(t.f.ui->frames_until([&] { return t.f.ui->has("log.patterns"); }));
  t.f.ui->click("log.patterns");
  CHECK(t.f.ui->frames_until([&] {
    auto* view = t.f.shell->find_view<PatternsView>(t.log.id);
    return view && view->loaded();
  }, 20000));
}

TEST_CASE("the patterns tab of an incident sums the same pattern over its logs") {
  PatternsFixture t;
  t.add_log(t.incident.id, "second.log",
            "2024-05-01 09:59:00 ERROR connection refused by db-3 after 3002 ms\n"
            "2024-05-01 10:00:00 INFO  cron job 4 finished\n");
  PatternsView* view = t.open_patterns(t.incident.id);
  const PatternRow& refused = t.row_with(*view, "connection refused");
  CHECK(refused.pattern.count == 4);
  REQUIRE(refused.log_ids.size() == 2);
  CHECK(refused.log_ids.front() != t.log.id);  // the second log has it a minute earlier
  CHECK(refused.pattern.first_line == 1);
  CHECK(view->mined()->lines == 12);
}

TEST_CASE("the incident overview shows the first error and the ranked patterns, and a click opens the log") {
  PatternsFixture t(/*filler=*/400);
  t.f.shell->state().open_tab({IncidentView::kKind, t.incident.id});
  IncidentView* view = nullptr;
  REQUIRE(t.f.ui->frames_until([&] {
    view = t.f.shell->find_view<IncidentView>(t.incident.id);
    return view && view->triage_summary().loaded();
  }, 20000));
  t.f.ui->frame(2);
  const IncidentTriage* triage = view->triage_summary().triage();
  REQUIRE(triage != nullptr);
  REQUIRE(triage->summary.first_error.has_value());
  CHECK(triage->summary.first_error->pattern.text.find("connection refused") != std::string::npos);
  REQUIRE_FALSE(triage->summary.problems.empty());
  const std::string top = triage->summary.problems.front().pattern.text;
  CHECK(top.find("connection refused") != std::string::npos);
  CHECK(t.f.ui->has("triage.first_error"));
  CHECK(t.f.ui->has("triage.chart"));
  REQUIRE(t.f.ui->has("triage.pattern:" + top));

  t.f.ui->click("triage.first_error");
  LogView* log = nullptr;
  REQUIRE(t.f.ui->frames_until([&] {
    log = t.f.shell->find_view<LogView>(t.log.id);
    return log && log->index_complete();
  }, 20000));
  t.f.ui->frame(3);
  CHECK_FALSE(log->filtered());
  CHECK(log->first_drawn_line() > 100);  // scrolled down to the first error (line 406)
  CHECK(log->first_drawn_line() <= 405);
  CHECK(log->end_drawn_line() > 405);

  // Back to the incident: its ranked pattern filters the log.
  t.f.shell->state().open_tab({IncidentView::kKind, t.incident.id});
  REQUIRE(t.f.ui->frames_until([&] { return t.f.ui->has("triage.pattern:" + top); }));
  t.f.ui->click("triage.pattern:" + top);
  REQUIRE(t.f.ui->frames_until([&] { return log->filtered() && !log->busy(); }, 20000));
  CHECK(log->filter_result()->lines.size() == 3);
}

TEST_CASE("an incident without logs says so on its overview") {
  UiFixture f;
  f.wait_unlocked();
  NewIncident in;
  in.title = "Nothing attached";
  in.severity = "P4";
  const Incident incident = f.shell->state().triage->incidents().create(in);
  f.shell->state().open_tab({IncidentView::kKind, incident.id});
  f.ui->frame(3);
  CHECK(f.ui->has("triage.no_logs"));
  CHECK_FALSE(f.ui->has("triage.first_error"));
  CHECK_FALSE(f.ui->has("triage.progress"));
  CHECK(f.ui->has("incident.description"));
}

TEST_CASE("the inspector lists a similar earlier incident, and a click opens it") {
  PatternsFixture t;
  Triage& triage = *t.f.shell->state().triage;
  NewIncident in;
  in.title = "Orders time out: connection refused by the database";
  in.severity = "P3";
  const Incident earlier = triage.incidents().create(in);
  t.add_log(earlier.id, "orders.log",
            "2024-04-01 08:00:00 ERROR connection refused by db-9 after 3000 ms\n"
            "2024-04-01 08:00:01 ERROR connection refused by db-9 after 3000 ms\n");
  triage.incidents().add_step(earlier.id, 1, "Why were connections refused?", "The pool was too small");
  t.f.shell->state().changed();

  t.f.shell->state().selected_incident = t.incident.id;
  REQUIRE(t.f.ui->frames_until([&] { return t.f.ui->has("similar.match:" + earlier.title); }, 20000));
  CHECK_FALSE(t.f.ui->has("similar.none"));
  CHECK(t.f.ui->has("similar.why:1"));
  t.f.ui->click("similar.match:" + earlier.title);
  CHECK(t.f.ui->frames_until([&] { return t.f.shell->find_view<IncidentView>(earlier.id) != nullptr; }));
}

TEST_CASE("the inspector says when there is no similar earlier incident") {
  PatternsFixture t;
  t.f.shell->state().selected_incident = t.incident.id;
  CHECK(t.f.ui->frames_until([&] { return t.f.ui->has("similar.none"); }, 20000));
}
