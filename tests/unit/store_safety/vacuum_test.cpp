#include <doctest/doctest.h>

#include "core/triage.h"
#include "tests/support/temp_dir.h"
#include "tests/unit/store_safety/raw_sqlcipher.h"

using namespace tftsr;

namespace {
std::vector<std::string> ids(const std::vector<Incident>& found) {
  std::vector<std::string> out;
  for (const auto& i : found) out.push_back(i.id);
  return out;
}

struct Store {
  test::TempDir dir;
  std::vector<Incident> made;  // alpha bravo charlie delta echo; bravo and delta deleted

  Store() {
    auto t = Triage::open(dir.path(), "pw");
    for (const char* word : {"alpha", "bravo", "charlie", "delta", "echo"})
      made.push_back(t->incidents().create({std::string(word) + " outage", "P3", {}, std::string(50000, 'x')}));
    t->incidents().remove(made[1].id);
    t->incidents().remove(made[3].id);
  }

  // What VACUUM may do to rows of a table keyed on TEXT: give them other rowids, behind the
  // index's back. Charlie takes alpha's rowid, alpha a new one.
  void renumber_rows(const std::string& extra_sql = {}) {
    const std::string a = made[0].id, c = made[2].id;
    test::raw_sqlcipher_exec(dir / "tftsr.db", "pw",
                             "UPDATE issues SET rowid = -rowid WHERE id = '" + a + "';"
                             "UPDATE issues SET rowid = (SELECT -rowid FROM issues WHERE id = '" + a + "') WHERE id = '" +
                                 c + "';"
                             "UPDATE issues SET rowid = 5000 WHERE id = '" + a + "';" + extra_sql);
  }
};
}  // namespace

TEST_CASE("after deleting incidents and vacuuming, search finds the right incidents") {
  Store s;
  s.renumber_rows();
  auto t = Triage::open(s.dir.path(), "pw");
  REQUIRE(ids(t->incidents().search("alpha")) == std::vector<std::string>{s.made[2].id});  // the stale index

  VacuumResult r = t->vacuum();
  CHECK(r.bytes_before > 0);
  CHECK(r.bytes_after < r.bytes_before);  // the deleted incidents' pages given back
  CHECK(ids(t->incidents().search("alpha")) == std::vector<std::string>{s.made[0].id});
  CHECK(ids(t->incidents().search("charlie")) == std::vector<std::string>{s.made[2].id});
  CHECK(ids(t->incidents().search("echo")) == std::vector<std::string>{s.made[4].id});
  CHECK(t->incidents().search("bravo").empty());
  CHECK(t->incidents().search("outage").size() == 3);
  CHECK(t->incidents().list({}).size() == 3);
  CHECK(t->audit().verify().ok);
}

TEST_CASE("a vacuum stopped before its index rebuild is finished at the next open") {
  Store s;
  s.renumber_rows("INSERT INTO settings(key, value, updated_at) VALUES "
                  "('maintenance.incident_index_rebuild_pending', '1', 't');");
  auto t = Triage::open(s.dir.path(), "pw");
  CHECK(ids(t->incidents().search("alpha")) == std::vector<std::string>{s.made[0].id});
  CHECK(ids(t->incidents().search("charlie")) == std::vector<std::string>{s.made[2].id});
}

TEST_CASE("a vacuum also rebuilds the document and 5-Whys indexes, whose rows it may renumber too") {
  Store s;
  {
    auto t = Triage::open(s.dir.path(), "pw");
    const Document alpha = t->documents().generate(s.made[0].id, "rca");
    t->documents().save(alpha.id, "# RCA\n\nThe zeppelin cache expired.\n");
    const Document echo = t->documents().generate(s.made[4].id, "rca");
    t->documents().save(echo.id, "# RCA\n\nThe walrus queue overflowed.\n");
  }
  // The two documents swap rowids behind the index's back.
  test::raw_sqlcipher_exec(s.dir / "tftsr.db", "pw",
                           "UPDATE documents SET rowid = -rowid WHERE content_md LIKE '%zeppelin%';"
                           "UPDATE documents SET rowid = (SELECT -rowid FROM documents WHERE content_md LIKE '%zeppelin%') "
                           "WHERE content_md LIKE '%walrus%';"
                           "UPDATE documents SET rowid = 6000 WHERE content_md LIKE '%zeppelin%';");
  auto t = Triage::open(s.dir.path(), "pw");
  REQUIRE(ids(t->incidents().search("zeppelin")) != std::vector<std::string>{s.made[0].id});  // the stale index
  t->vacuum();
  CHECK(ids(t->incidents().search("zeppelin")) == std::vector<std::string>{s.made[0].id});
  CHECK(ids(t->incidents().search("walrus")) == std::vector<std::string>{s.made[4].id});
}
