#include <doctest/doctest.h>

#include <functional>

#include "core/error.h"
#include "core/triage.h"
#include "tests/support/second_connection.h"
#include "tests/support/temp_dir.h"

using namespace tftsr;

namespace {
ErrorKind kind_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.kind();
  }
  FAIL("no error thrown");
  return ErrorKind::Internal;
}

std::vector<std::string> titles(const std::vector<Incident>& v) {
  std::vector<std::string> out;
  for (const auto& i : v) out.push_back(i.title);
  return out;
}
}  // namespace

TEST_CASE("creating an incident validates and fills defaults") {
  test::TempDir dir;
  auto t = Triage::open(dir.path(), "pw");
  Incident i = t->incidents().create({"  Disk full on db01 ", "P1", "Databases", "postgres stopped"});
  CHECK(i.title == "Disk full on db01");
  CHECK(i.status == "open");
  CHECK(i.category == "databases");  // display name stored as the domain id
  CHECK(i.created_at == i.updated_at);
  CHECK_FALSE(i.resolved_at);
  CHECK(t->incidents().get(i.id).incident.description == "postgres stopped");

  CHECK(kind_of([&] { t->incidents().create({"   ", "P1", {}, {}}); }) == ErrorKind::InvalidInput);
  CHECK_THROWS_WITH(t->incidents().create({"x", "critical", {}, {}}), doctest::Contains("unknown severity \"critical\""));
  CHECK_THROWS_WITH(t->incidents().create({"x", "P2", "Cooking", {}}), doctest::Contains("unknown category"));
  CHECK_THROWS_WITH(t->incidents().create({std::string(501, 'a'), "P2", {}, {}}), doctest::Contains("too long"));
  CHECK(kind_of([&] { t->incidents().get("nope"); }) == ErrorKind::NotFound);
  CHECK(t->incidents().list({}).size() == 1);
}

TEST_CASE("partial update changes only what is given — resolving sets resolved_at") {
  test::TempDir dir;
  auto t = Triage::open(dir.path(), "pw");
  Incident i = t->incidents().create({"API latency", "P2", "network", "slow"});
  Incident u = t->incidents().update(i.id, IncidentPatch{.status = "investigating"});
  CHECK(u.status == "investigating");
  CHECK(u.title == "API latency");
  CHECK(u.description == "slow");
  CHECK(u.severity == "P2");
  CHECK_FALSE(u.resolved_at);

  u = t->incidents().update(i.id, IncidentPatch{.status = "resolved"});
  REQUIRE(u.resolved_at);
  CHECK(u.resolved_at->size() == 19);
  u = t->incidents().update(i.id, IncidentPatch{.status = "closed"});
  CHECK(u.resolved_at);  // closing keeps the resolution time
  u = t->incidents().update(i.id, IncidentPatch{.status = "open"});
  CHECK_FALSE(u.resolved_at);  // re-opened: no longer resolved

  CHECK_THROWS_WITH(t->incidents().update(i.id, IncidentPatch{.status = "done"}), doctest::Contains("unknown status"));
  CHECK_THROWS_WITH(t->incidents().update(i.id, IncidentPatch{.title = ""}), doctest::Contains("title must not be empty"));
  CHECK(kind_of([&] { t->incidents().update("missing", IncidentPatch{.title = "x"}); }) == ErrorKind::NotFound);
  CHECK(t->incidents().get(i.id).incident.title == "API latency");  // failed updates changed nothing
}

TEST_CASE("list filters, sorts and pages") {
  test::TempDir dir;
  auto t = Triage::open(dir.path(), "pw");
  t->incidents().create({"bravo", "P2", "linux", {}});
  t->incidents().create({"alpha", "P1", "network", {}});
  auto c = t->incidents().create({"charlie", "P3", "linux", {}});
  t->incidents().update(c.id, IncidentPatch{.status = "resolved"});

  IncidentFilter f;
  f.sort = IncidentSort::TitleAsc;
  CHECK(titles(t->incidents().list(f)) == std::vector<std::string>{"alpha", "bravo", "charlie"});
  f.category = "linux";
  CHECK(titles(t->incidents().list(f)) == std::vector<std::string>{"bravo", "charlie"});
  f.status = "resolved";
  CHECK(titles(t->incidents().list(f)) == std::vector<std::string>{"charlie"});
  IncidentFilter sev;
  sev.severity = "P1";
  CHECK(titles(t->incidents().list(sev)) == std::vector<std::string>{"alpha"});
  IncidentFilter bysev;
  bysev.sort = IncidentSort::SeverityAsc;
  CHECK(titles(t->incidents().list(bysev)) == std::vector<std::string>{"alpha", "bravo", "charlie"});
  IncidentFilter page;
  page.sort = IncidentSort::TitleAsc;
  page.limit = 2;
  page.offset = 1;
  CHECK(titles(t->incidents().list(page)) == std::vector<std::string>{"bravo", "charlie"});
  CHECK(t->incidents().count(IncidentFilter{.category = "linux"}) == 2);
  IncidentFilter bad;
  bad.status = "nope";
  CHECK_THROWS_AS(t->incidents().list(bad), Error);
}

TEST_CASE("full-text search follows inserts, updates and deletes") {
  test::TempDir dir;
  auto t = Triage::open(dir.path(), "pw");
  Incident a = t->incidents().create({"Kafka consumer lag", "P2", {}, "partition rebalance storm"});
  t->incidents().create({"Printer offline", "P4", {}, {}});
  CHECK(titles(t->incidents().search("kafka")) == std::vector<std::string>{"Kafka consumer lag"});
  CHECK(titles(t->incidents().search("rebal")) == std::vector<std::string>{"Kafka consumer lag"});  // prefix, description
  CHECK(t->incidents().count(IncidentFilter{.text = "ka"}) == 1);
  CHECK(t->incidents().count(IncidentFilter{.severity = "P4", .text = "ka"}) == 0);
  CHECK(t->incidents().search("zookeeper").empty());

  t->incidents().update(a.id, IncidentPatch{.title = "Zookeeper session expiry"});
  CHECK(t->incidents().search("kafka").empty());
  CHECK(titles(t->incidents().search("zookeeper")) == std::vector<std::string>{"Zookeeper session expiry"});

  t->incidents().update(a.id, IncidentPatch{.description = "leader election"});
  CHECK(t->incidents().search("rebalance").empty());
  CHECK(t->incidents().search("election").size() == 1);

  t->incidents().remove(a.id);
  CHECK(t->incidents().search("zookeeper").empty());
  CHECK(t->incidents().count(IncidentFilter{.text = "zoo"}) == 0);
  // Query syntax in user input is taken literally, never an FTS error.
  CHECK_NOTHROW(t->incidents().search("\"unbalanced AND (OR"));
  CHECK_THROWS_AS(t->incidents().search("   "), Error);
  // The index agrees with the table (FTS5 integrity check against the content table).
  CHECK_NOTHROW(test::second_connection(*t, "pw").exec("INSERT INTO issues_fts(issues_fts, rank) VALUES('integrity-check', 1)"));
}

TEST_CASE("deleting an incident removes everything attached to it") {
  test::TempDir dir;
  auto t = Triage::open(dir.path(), "pw");
  Incident keep = t->incidents().create({"keep me", "P3", {}, {}});
  Incident i = t->incidents().create({"delete me", "P1", {}, {}});
  t->incidents().add_step(i.id, 1, "Why?");
  t->incidents().add_step(keep.id, 1, "Why?");
  auto db = test::second_connection(*t, "pw");
  db.prepare("INSERT INTO log_files(id,issue_id,file_name,file_path,uploaded_at) VALUES ('l1',?,'f','p','t')")
      .bind(1, i.id).run();
  db.exec("INSERT INTO pii_spans(id,log_file_id,pii_type,start_offset,end_offset,original_value,replacement) VALUES ('s1','l1','Email',0,5,'a@b.c','[Email]')");
  db.prepare("INSERT INTO ai_conversations(id, issue_id, provider, model, created_at, title) VALUES ('c1',?,'ollama','llama3','t',NULL)").bind(1, i.id).run();
  db.exec("INSERT INTO ai_messages(id, conversation_id, role, content, token_count, created_at) VALUES ('m1','c1','user','hi',0,'t')");
  db.prepare("INSERT INTO documents VALUES ('d1',?,'rca','RCA','# x',0,0)").bind(1, i.id).run();
  db.prepare("INSERT INTO image_attachments(id,issue_id,file_name) VALUES ('g1',?,'a.png')").bind(1, i.id).run();

  t->incidents().remove(i.id);
  for (const char* table : {"log_files", "pii_spans", "ai_conversations", "ai_messages", "documents",
                            "image_attachments"}) {
    CAPTURE(table);
    CHECK(db.query_text(std::string("SELECT count(*) FROM ") + table) == "0");
  }
  CHECK(db.query_text("SELECT count(*) FROM resolution_steps") == "1");
  CHECK(db.query_text("SELECT count(*) FROM timeline_events WHERE issue_id NOT IN (SELECT id FROM issues)") == "0");
  CHECK(t->incidents().list({}).size() == 1);
  CHECK_THROWS_AS(t->incidents().remove(i.id), Error);
}

TEST_CASE("dashboard counts open, recently resolved and open P1/P2") {
  test::TempDir dir;
  auto t = Triage::open(dir.path(), "pw");
  t->incidents().create({"a", "P1", {}, {}});
  auto b = t->incidents().create({"b", "P2", {}, {}});
  t->incidents().update(b.id, IncidentPatch{.status = "investigating"});
  t->incidents().create({"c", "P3", {}, {}});
  auto d = t->incidents().create({"d", "P1", {}, {}});
  t->incidents().update(d.id, IncidentPatch{.status = "resolved"});
  auto old = t->incidents().create({"old", "P2", {}, {}});
  t->incidents().update(old.id, IncidentPatch{.status = "resolved"});
  // Resolved long ago: outside the 7-day window.
  test::second_connection(*t, "pw").prepare("UPDATE issues SET resolved_at = '2020-01-01 00:00:00' WHERE id = ?").bind(1, old.id).run();

  DashboardStats s = t->incidents().dashboard(3);
  CHECK(s.open == 3);
  CHECK(s.resolved_last_7_days == 1);
  CHECK(s.open_p1_p2 == 2);
  CHECK(s.recent.size() == 3);
}

TEST_CASE("settings are stored and overwritten") {
  test::TempDir dir;
  auto t = Triage::open(dir.path(), "pw");
  CHECK_FALSE(t->settings().get("theme"));
  t->settings().set("theme", "dark");
  t->settings().set("theme", "light");
  CHECK(t->settings().get("theme") == "light");
  int themes = 0;
  for (const auto& kv : t->settings().list()) themes += kv.key == "theme";
  CHECK(themes == 1);
  CHECK_THROWS_AS(t->settings().set("", "x"), Error);
}

TEST_CASE("data survives closing and re-opening") {
  test::TempDir dir;
  std::string id;
  {
    auto t = Triage::open(dir.path() / "nested" / "data", "pw");
    id = t->incidents().create({"persisted", "P2", {}, {}}).id;
    CHECK((std::filesystem::status(dir.path() / "nested" / "data").permissions() & std::filesystem::perms::all) ==
          std::filesystem::perms::owner_all);
  }
  auto t = Triage::open(dir.path() / "nested" / "data", "pw");
  CHECK(t->incidents().get(id).incident.title == "persisted");
}
