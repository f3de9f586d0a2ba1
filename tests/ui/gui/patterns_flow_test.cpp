#include <doctest/doctest.h>

#include <fstream>

#include "app/gui/views/incident_view.h"
#include "app/gui/views/log_view.h"
#include "app/gui/views/patterns_view.h"
#include "tests/support/second_connection.h"
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
  PatternsFixture t;  // its incident is the earlier one
  Triage& triage = *t.f.shell->state().triage;
  triage.incidents().add_step(t.incident.id, 1, "Why were connections refused?", "The pool was too small");
  NewIncident in;
  in.title = "Orders time out: connection refused by the database";
  in.severity = "P3";
  const Incident later = triage.incidents().create(in);
  t.add_log(later.id, "orders.log",
            "2024-04-01 08:00:00 ERROR connection refused by db-9 after 3000 ms\n"
            "2024-04-01 08:00:01 ERROR connection refused by db-9 after 3000 ms\n");
  t.f.shell->state().changed();

  t.f.shell->state().selected_incident = later.id;
  REQUIRE(t.f.ui->frames_until([&] { return t.f.ui->has("similar.match:" + t.incident.title); }, 20000));
  CHECK_FALSE(t.f.ui->has("similar.none"));
  CHECK(t.f.ui->has("similar.why:1"));
  t.f.ui->click("similar.match:" + t.incident.title);
  CHECK(t.f.ui->frames_until([&] { return t.f.shell->find_view<IncidentView>(t.incident.id) != nullptr; }));
}

TEST_CASE("the inspector says when there is no similar earlier incident") {
  PatternsFixture t;
  t.f.shell->state().selected_incident = t.incident.id;
  CHECK(t.f.ui->frames_until([&] { return t.f.ui->has("similar.none"); }, 20000));
}

TEST_CASE("the patterns tab reads the patterns kept in the store, and mines only the logs not mined yet") {
  PatternsFixture t;
  Triage& triage = *t.f.shell->state().triage;
  CHECK(triage.patterns().mine_missing(t.incident.id) == 1);
  {
    // A count no mining would give: seen in the tab only if it reads what is stored.
    Database db = tftsr::test::second_connection(triage, kPassphrase);
    db.prepare("UPDATE log_patterns SET line_count = 4242 WHERE template_text LIKE '%connection refused%'").run();
  }
  const LogFile second = t.add_log(t.incident.id, "second.log",
                                   "2024-05-01 10:05:00 ERROR disk full on /var after 3 retries\n"
                                   "2024-05-01 10:05:01 ERROR disk full on /tmp after 4 retries\n");
  PatternsView* view = t.open_patterns(t.incident.id);
  CHECK(t.row_with(*view, "connection refused").pattern.count == 4242);
  const PatternRow& disk = t.row_with(*view, "disk full");
  CHECK(disk.pattern.count == 2);
  REQUIRE(disk.log_ids.size() == 1);
  CHECK(disk.log_ids.front() == second.id);
  // The new log was mined once, and kept.
  Database db = tftsr::test::second_connection(triage, kPassphrase);
  auto runs = db.prepare("SELECT COUNT(*) FROM log_pattern_runs");
  REQUIRE(runs.step());
  CHECK(runs.integer(0) == 2);
}

TEST_CASE("the pattern filter shows the first matching lines while it is still reading a big log") {
  PatternsFixture t;
  // Every tenth line a refused connection, the others served requests: about 11 MB.
  std::string text;
  constexpr int kLines = 200000;
  for (int i = 0; i < kLines; ++i) {
    if (i % 10 == 5)
      text += "2024-05-01 10:02:05 ERROR connection refused by db-" + std::to_string(i % 7) + " after " +
              std::to_string(3000 + i % 5) + " ms\n";
    else
      text += "2024-05-01 10:00:01 INFO  request " + std::to_string(i) + " served in " + std::to_string(i % 50) + " ms\n";
  }
  const LogFile big = t.add_log(t.incident.id, "big.log", text);
  Triage& triage = *t.f.shell->state().triage;
  const patterns::PatternReport report = triage.patterns().stored_report(big.id);  // mined once, kept
  std::optional<patterns::PatternTemplate> refused;
  for (const auto& p : report.templates)
    if (p.text.find("connection refused") != std::string::npos) refused = p;
  REQUIRE(refused.has_value());
  REQUIRE(refused->count == kLines / 10);

  open_log_focused(t.f.shell->state(), big.id, LogFocus{refused->id, refused->text, 0});
  LogView* log = nullptr;
  std::size_t shown_while_running = 0;
  std::int64_t drawn_while_running = 0;
  REQUIRE(t.f.ui->frames_until([&] {
    log = t.f.shell->find_view<LogView>(big.id);
    if (!log || !log->filter_running() || !log->filter_result()) return false;
    shown_while_running = log->filter_result()->lines.size();
    drawn_while_running = log->end_drawn_line();
    return shown_while_running > 0 && drawn_while_running > 0;
  }, 60000));
  CHECK(shown_while_running < static_cast<std::size_t>(kLines / 10));
  CHECK(log->pattern_filter() == refused->text);
  REQUIRE(t.f.ui->frames_until([&] { return !log->busy(); }, 120000));
  const LineFilterResult* lines = log->filter_result();
  REQUIRE(lines != nullptr);
  CHECK(lines->lines.size() == static_cast<std::size_t>(kLines / 10));
  CHECK_FALSE(lines->truncated);
  CHECK(lines->lines.front().line == 5);
  CHECK(lines->lines.back().line == kLines - 5);
  bool all_refused = true;
  for (const FilteredLine& l : lines->lines) all_refused = all_refused && l.text.find("connection refused") != std::string::npos;
  CHECK(all_refused);
}

TEST_CASE("Stop ends a running pattern filter and keeps the lines found so far") {
  PatternsFixture t;
  std::string text;
  for (int i = 0; i < 200000; ++i)
    text += "2024-05-01 10:02:05 ERROR connection refused by db-" + std::to_string(i % 7) + " after " +
            std::to_string(3000 + i % 5) + " ms\n";
  const LogFile big = t.add_log(t.incident.id, "big.log", text);
  Triage& triage = *t.f.shell->state().triage;
  const patterns::PatternReport report = triage.patterns().stored_report(big.id);
  REQUIRE_FALSE(report.templates.empty());
  open_log_focused(t.f.shell->state(), big.id, LogFocus{report.templates.front().id, report.templates.front().text, 0});
  LogView* log = nullptr;
  REQUIRE(t.f.ui->frames_until([&] {
    log = t.f.shell->find_view<LogView>(big.id);
    return log && log->filter_running() && log->filter_result() && !log->filter_result()->lines.empty();
  }, 60000));
  REQUIRE(t.f.ui->has("log.stop_filter"));
  t.f.ui->click("log.stop_filter");
  t.f.ui->frame(2);
  CHECK_FALSE(log->busy());
  REQUIRE(log->filtered());
  const std::size_t kept = log->filter_result()->lines.size();
  CHECK(kept > 0);
  CHECK(kept < 200000u);
  t.f.ui->frame(20);
  CHECK(log->filter_result()->lines.size() == kept);  // nothing arrives after the stop
}

TEST_CASE("the similar incidents panel looks again only when its incident changes, not on unrelated changes") {
  PatternsFixture t;
  Triage& triage = *t.f.shell->state().triage;
  NewIncident in;
  in.title = "Printer jam on floor 3";
  in.severity = "P4";
  const Incident other = triage.incidents().create(in);
  t.f.shell->state().changed();
  t.f.shell->state().selected_incident = t.incident.id;
  const IncidentView* inspector = nullptr;
  REQUIRE(t.f.ui->frames_until([&] {
    inspector = t.f.shell->inspector();
    return inspector && inspector->similar_incidents().loaded();
  }, 20000));
  const SimilarIncidentsPanel& panel = inspector->similar_incidents();
  CHECK(panel.searches_started() == 1);

  // Another incident edited, a few times: no new search.
  for (int i = 0; i < 3; ++i) {
    IncidentPatch patch;
    patch.title = "Printer jam on floor " + std::to_string(4 + i);
    triage.incidents().update(other.id, patch);
    t.f.shell->state().changed();
    t.f.ui->frame(30);
  }
  t.f.ui->frame(90);
  CHECK(t.f.shell->inspector() == inspector);
  CHECK(panel.searches_started() == 1);
  CHECK(panel.loaded());

  // This incident edited twice in a row: one new search after the pause; the last result stays.
  for (const char* title : {"Checkout fails: connection refused", "Checkout fails: connection refused by db"}) {
    IncidentPatch patch;
    patch.title = title;
    triage.incidents().update(t.incident.id, patch);
    t.f.shell->state().changed();
    t.f.ui->frame(2);
  }
  CHECK(panel.searches_started() == 1);
  CHECK(panel.matches() != nullptr);
  REQUIRE(t.f.ui->frames_until([&] { return panel.searches_started() == 2 && panel.loaded(); }, 20000));
  t.f.ui->frame(90);
  CHECK(panel.searches_started() == 2);

  // Refresh looks again on demand.
  REQUIRE(t.f.ui->has("similar.refresh"));
  t.f.ui->click("similar.refresh");
  CHECK(t.f.ui->frames_until([&] { return panel.searches_started() == 3 && panel.loaded(); }, 20000));
}
