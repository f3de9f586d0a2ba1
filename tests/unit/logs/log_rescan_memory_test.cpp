#define SQLITE_HAS_CODEC
#include <doctest/doctest.h>
#include <sqlcipher/sqlite3.h>

#include <string>

#include "core/triage.h"
#include "tests/support/temp_dir.h"

using namespace tftsr;

// A rescan replaces every finding of the log in the scan's transaction. Inside a savepoint of it,
// SQLite kept the old content of every page the replacement changed in memory until the end
// (SQLCipher keeps temporary data out of files): for the 2.2 million findings of a 1 GiB log, a
// rescan peaked at 640 MB. Here 40,000 findings, about 10 MB of pages.
TEST_CASE("a rescan of many findings does not hold the pages it replaces in memory") {
  test::TempDir dir;
  auto t = Triage::open(dir.path() / "data", "pw");
  const std::string issue = t->incidents().create({"rescan", "P3", {}, {}}).id;
  std::string text;
  constexpr int kLines = 40000;
  for (int i = 0; i < kLines; ++i)
    text += "peer 10." + std::to_string(i >> 16) + "." + std::to_string((i >> 8) & 255) + "." +
            std::to_string(i & 255) + " up\n";
  test::write_file(dir / "peers.log", text);
  const std::string log = t->logs().add(issue, dir / "peers.log").id;
  REQUIRE(t->logs().scan(log).total == kLines);

  const sqlite3_int64 before = sqlite3_memory_used();
  sqlite3_memory_highwater(1);  // from here on
  REQUIRE(t->logs().scan(log).total == kLines);
  const sqlite3_int64 growth = sqlite3_memory_highwater(0) - before;
  MESSAGE("SQLite's memory grew by at most " << growth / 1024 << " KiB during the rescan");
  CHECK(growth < 4 * 1024 * 1024);
  CHECK(t->logs().findings(log).size() == static_cast<std::size_t>(kLines));
}
