#include <doctest/doctest.h>

#include <functional>

#include "core/error.h"
#include "core/store/database.h"
#include "core/triage.h"
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

std::vector<std::string> titles(const std::vector<Issue>& v) {
  std::vector<std::string> out;
  for (const auto& i : v) out.push_back(i.title);
  return out;
}
}  // namespace

TEST_CASE("creating an incident validates and fills defaults") {
  test::TempDir dir;
  auto t = Triage::open(dir.path(), "pw");
  Issue i = t->create_issue({"  Disk full on db01 ", "P1", "Databases", "postgres stopped"});
  CHECK(i.title == "Disk full on db01");
  CHECK(i.status == "open");
  CHECK(i.category == "databases");  // display name stored as the domain id
  CHECK(i.created_at == i.updated_at);
  CHECK_FALSE(i.resolved_at);
  CHECK(t->get_issue(i.id).issue.description == "postgres stopped");

  CHECK(kind_of([&] { t->create_issue({"   ", "P1", {}, {}}); }) == ErrorKind::InvalidInput);
  CHECK_THROWS_WITH(t->create_issue({"x", "critical", {}, {}}), doctest::Contains("unknown severity \"critical\""));
  CHECK_THROWS_WITH(t->create_issue({"x", "P2", "Cooking", {}}), doctest::Contains("unknown category"));
  CHECK_THROWS_WITH(t->create_issue({std::string(501, 'a'), "P2", {}, {}}), doctest::Contains("too long"));
  CHECK(kind_of([&] { t->get_issue("nope"); }) == ErrorKind::NotFound);
  CHECK(t->list_issues({}).size() == 1);
}

TEST_CASE("partial update changes only what is given — resolving sets resolved_at") {
  test::TempDir dir;
  auto t = Triage::open(dir.path(), "pw");
  Issue i = t->create_issue({"API latency", "P2", "network", "slow"});
  Issue u = t->update_issue(i.id, IssuePatch{.status = "investigating"});
  CHECK(u.status == "investigating");
  CHECK(u.title == "API latency");
  CHECK(u.description == "slow");
  CHECK(u.severity == "P2");
  CHECK_FALSE(u.resolved_at);

  u = t->update_issue(i.id, IssuePatch{.status = "resolved"});
  REQUIRE(u.resolved_at);
  CHECK(u.resolved_at->size() == 19);
  u = t->update_issue(i.id, IssuePatch{.status = "closed"});
  CHECK(u.resolved_at);  // closing keeps the resolution time
  u = t->update_issue(i.id, IssuePatch{.status = "open"});
  CHECK_FALSE(u.resolved_at);  // re-opened: no longer resolved

  CHECK_THROWS_WITH(t->update_issue(i.id, IssuePatch{.status = "done"}), doctest::Contains("unknown status"));
  CHECK_THROWS_WITH(t->update_issue(i.id, IssuePatch{.title = ""}), doctest::Contains("title must not be empty"));
  CHECK(kind_of([&] { t->update_issue("missing", IssuePatch{.title = "x"}); }) == ErrorKind::NotFound);
  CHECK(t->get_issue(i.id).issue.title == "API latency");  // failed updates changed nothing
}

TEST_CASE("list filters, sorts and pages") {
  test::TempDir dir;
  auto t = Triage::open(dir.path(), "pw");
  t->create_issue({"bravo", "P2", "linux", {}});
  t->create_issue({"alpha", "P1", "network", {}});
  auto c = t->create_issue({"charlie", "P3", "linux", {}});
  t->update_issue(c.id, IssuePatch{.status = "resolved"});

  IssueFilter f;
  f.sort = IssueSort::TitleAsc;
  CHECK(titles(t->list_issues(f)) == std::vector<std::string>{"alpha", "bravo", "charlie"});
  f.category = "linux";
  CHECK(titles(t->list_issues(f)) == std::vector<std::string>{"bravo", "charlie"});
  f.status = "resolved";
  CHECK(titles(t->list_issues(f)) == std::vector<std::string>{"charlie"});
  IssueFilter sev;
  sev.severity = "P1";
  CHECK(titles(t->list_issues(sev)) == std::vector<std::string>{"alpha"});
  IssueFilter bysev;
  bysev.sort = IssueSort::SeverityAsc;
  CHECK(titles(t->list_issues(bysev)) == std::vector<std::string>{"alpha", "bravo", "charlie"});
  IssueFilter page;
  page.sort = IssueSort::TitleAsc;
  page.limit = 2;
  page.offset = 1;
  CHECK(titles(t->list_issues(page)) == std::vector<std::string>{"bravo", "charlie"});
  CHECK(t->count_issues(IssueFilter{.category = "linux"}) == 2);
  IssueFilter bad;
  bad.status = "nope";
  CHECK_THROWS_AS(t->list_issues(bad), Error);
}

TEST_CASE("full-text search follows inserts, updates and deletes") {
  test::TempDir dir;
  auto t = Triage::open(dir.path(), "pw");
  Issue a = t->create_issue({"Kafka consumer lag", "P2", {}, "partition rebalance storm"});
  t->create_issue({"Printer offline", "P4", {}, {}});
  CHECK(titles(t->search_issues("kafka")) == std::vector<std::string>{"Kafka consumer lag"});
  CHECK(titles(t->search_issues("rebal")) == std::vector<std::string>{"Kafka consumer lag"});  // prefix, description
  CHECK(t->count_issues(IssueFilter{.text = "ka"}) == 1);
  CHECK(t->count_issues(IssueFilter{.severity = "P4", .text = "ka"}) == 0);
  CHECK(t->search_issues("zookeeper").empty());

  t->update_issue(a.id, IssuePatch{.title = "Zookeeper session expiry"});
  CHECK(t->search_issues("kafka").empty());
  CHECK(titles(t->search_issues("zookeeper")) == std::vector<std::string>{"Zookeeper session expiry"});

  t->update_issue(a.id, IssuePatch{.description = "leader election"});
  CHECK(t->search_issues("rebalance").empty());
  CHECK(t->search_issues("election").size() == 1);

  t->delete_issue(a.id);
  CHECK(t->search_issues("zookeeper").empty());
  CHECK(t->count_issues(IssueFilter{.text = "zoo"}) == 0);
  // Query syntax in user input is taken literally, never an FTS error.
  CHECK_NOTHROW(t->search_issues("\"unbalanced AND (OR"));
  CHECK_THROWS_AS(t->search_issues("   "), Error);
  // The index agrees with the table (FTS5 integrity check against the content table).
  CHECK_NOTHROW(t->database().exec("INSERT INTO issues_fts(issues_fts, rank) VALUES('integrity-check', 1)"));
}

TEST_CASE("deleting an incident removes everything attached to it") {
  test::TempDir dir;
  auto t = Triage::open(dir.path(), "pw");
  Issue keep = t->create_issue({"keep me", "P3", {}, {}});
  Issue i = t->create_issue({"delete me", "P1", {}, {}});
  t->add_step(i.id, 1, "Why?");
  t->add_step(keep.id, 1, "Why?");
  auto& db = t->database();
  db.prepare("INSERT INTO log_files(id,issue_id,file_name,file_path,uploaded_at) VALUES ('l1',?,'f','p','t')")
      .bind(1, i.id).run();
  db.exec("INSERT INTO pii_spans(id,log_file_id,pii_type,start_offset,end_offset,original_value,replacement) VALUES ('s1','l1','Email',0,5,'a@b.c','[Email]')");
  db.prepare("INSERT INTO ai_conversations(id, issue_id, provider, model, created_at, title) VALUES ('c1',?,'ollama','llama3','t',NULL)").bind(1, i.id).run();
  db.exec("INSERT INTO ai_messages(id, conversation_id, role, content, token_count, created_at) VALUES ('m1','c1','user','hi',0,'t')");
  db.prepare("INSERT INTO documents VALUES ('d1',?,'rca','RCA','# x',0,0)").bind(1, i.id).run();
  db.prepare("INSERT INTO image_attachments(id,issue_id,file_name) VALUES ('g1',?,'a.png')").bind(1, i.id).run();

  t->delete_issue(i.id);
  for (const char* table : {"log_files", "pii_spans", "ai_conversations", "ai_messages", "documents",
                            "image_attachments"}) {
    CAPTURE(table);
    CHECK(db.query_text(std::string("SELECT count(*) FROM ") + table) == "0");
  }
  CHECK(db.query_text("SELECT count(*) FROM resolution_steps") == "1");
  CHECK(db.query_text("SELECT count(*) FROM timeline_events WHERE issue_id NOT IN (SELECT id FROM issues)") == "0");
  CHECK(t->list_issues({}).size() == 1);
  CHECK_THROWS_AS(t->delete_issue(i.id), Error);
}

TEST_CASE("dashboard counts open, recently resolved and open P1/P2") {
  test::TempDir dir;
  auto t = Triage::open(dir.path(), "pw");
  t->create_issue({"a", "P1", {}, {}});
  auto b = t->create_issue({"b", "P2", {}, {}});
  t->update_issue(b.id, IssuePatch{.status = "investigating"});
  t->create_issue({"c", "P3", {}, {}});
  auto d = t->create_issue({"d", "P1", {}, {}});
  t->update_issue(d.id, IssuePatch{.status = "resolved"});
  auto old = t->create_issue({"old", "P2", {}, {}});
  t->update_issue(old.id, IssuePatch{.status = "resolved"});
  // Resolved long ago: outside the 7-day window.
  t->database().prepare("UPDATE issues SET resolved_at = '2020-01-01 00:00:00' WHERE id = ?").bind(1, old.id).run();

  DashboardStats s = t->dashboard(3);
  CHECK(s.open == 3);
  CHECK(s.resolved_last_7_days == 1);
  CHECK(s.open_p1_p2 == 2);
  CHECK(s.recent.size() == 3);
}

TEST_CASE("settings are stored and overwritten") {
  test::TempDir dir;
  auto t = Triage::open(dir.path(), "pw");
  CHECK_FALSE(t->setting("theme"));
  t->set_setting("theme", "dark");
  t->set_setting("theme", "light");
  CHECK(t->setting("theme") == "light");
  int themes = 0;
  for (const auto& kv : t->settings()) themes += kv.key == "theme";
  CHECK(themes == 1);
  CHECK_THROWS_AS(t->set_setting("", "x"), Error);
}

TEST_CASE("data survives closing and re-opening") {
  test::TempDir dir;
  std::string id;
  {
    auto t = Triage::open(dir.path() / "nested" / "data", "pw");
    id = t->create_issue({"persisted", "P2", {}, {}}).id;
    CHECK((std::filesystem::status(dir.path() / "nested" / "data").permissions() & std::filesystem::perms::all) ==
          std::filesystem::perms::owner_all);
  }
  auto t = Triage::open(dir.path() / "nested" / "data", "pw");
  CHECK(t->get_issue(id).issue.title == "persisted");
}
