#define SQLITE_HAS_CODEC
#include <doctest/doctest.h>
#include <sqlcipher/sqlite3.h>

#include <memory>
#include <string>

#include "core/triage.h"
#include "tests/support/second_connection.h"
#include "tests/support/temp_dir.h"

using namespace tftsr;

// Replacing or deleting all of a log's findings must not hold the old content of the pages it
// changes in memory until it ends. SQLite keeps that content for a savepoint, and for a statement
// that may stop half-way (a cascade, a change to a table with a foreign key), and SQLCipher keeps
// it in memory rather than in a file: for the 2.2 million findings of a 1 GiB log a rescan peaked
// at 640 MB. Here 40,000 findings, about 10 MB of pages.
namespace {

constexpr int kFindings = 40000;

struct ManyFindings {
  test::TempDir dir;
  std::unique_ptr<Triage> t = Triage::open(dir.path() / "data", "pw");
  std::string issue = t->incidents().create({"many findings", "P3", {}, {}}).id;
  std::string log;
  ManyFindings() {
    std::string text;
    for (int i = 0; i < kFindings; ++i)
      text += "peer 10." + std::to_string(i >> 16) + "." + std::to_string((i >> 8) & 255) + "." +
              std::to_string(i & 255) + " up\n";
    test::write_file(dir / "peers.log", text);
    log = t->logs().add(issue, dir / "peers.log").id;
    REQUIRE(t->logs().scan(log).total == kFindings);
  }
};

// How much more memory SQLite held at its peak while `change` ran.
template <typename Fn>
sqlite3_int64 sqlite_growth(Fn&& change) {
  const sqlite3_int64 before = sqlite3_memory_used();
  sqlite3_memory_highwater(1);  // from here on
  change();
  const sqlite3_int64 growth = sqlite3_memory_highwater(0) - before;
  MESSAGE("SQLite's memory grew by at most " << growth / 1024 << " KiB");
  return growth;
}

}  // namespace

TEST_CASE("a rescan of many findings does not hold the pages it replaces in memory") {
  ManyFindings f;
  CHECK(sqlite_growth([&] { REQUIRE(f.t->logs().scan(f.log).total == kFindings); }) < 4 * 1024 * 1024);
  CHECK(f.t->logs().findings(f.log).size() == static_cast<std::size_t>(kFindings));
}

TEST_CASE("deleting an incident with many findings does not hold the pages it deletes in memory") {
  ManyFindings f;
  CHECK(sqlite_growth([&] { f.t->incidents().remove(f.issue); }) < 4 * 1024 * 1024);
  Database db = test::second_connection(*f.t, "pw");
  CHECK(db.query_text("SELECT count(*) FROM pii_spans") == "0");
  CHECK(db.query_text("SELECT count(*) FROM log_files") == "0");
}
