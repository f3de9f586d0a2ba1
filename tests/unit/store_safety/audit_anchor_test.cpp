#include <doctest/doctest.h>

#include "core/triage.h"
#include "tests/support/temp_dir.h"
#include "tests/unit/store_safety/raw_sqlcipher.h"

using namespace tftsr;

namespace {
constexpr const char* kPass = "pw";

// Each deletion of an incident writes one audit entry.
void audited_deletions(Triage& t, int n) {
  for (int i = 0; i < n; ++i) t.incidents().remove(t.incidents().create({"gone " + std::to_string(i), "P4", {}, {}}).id);
}

std::filesystem::path anchor_file(const test::TempDir& dir) { return dir / "tftsr.db.audit-anchor"; }

// Removes the newest audit entries around the append-only trigger, on the closed store.
void truncate_newest(const test::TempDir& dir, int keep) {
  test::raw_sqlcipher_exec(dir / "tftsr.db", kPass,
                           "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq > " +
                               std::to_string(keep) + ";");
}
}  // namespace

TEST_CASE("an intact chain verifies against its anchor, which follows every audited change") {
  test::TempDir dir;
  auto t = Triage::open(dir.path(), kPass);
  CHECK_FALSE(std::filesystem::exists(anchor_file(dir)));  // nothing to anchor yet
  CHECK(t->audit().verify().ok);
  audited_deletions(*t, 3);
  REQUIRE(std::filesystem::exists(anchor_file(dir)));
  CHECK(test::read_file(anchor_file(dir)).find("count 3\n") != std::string::npos);
  auto v = t->audit().verify();
  CHECK(v.ok);
  CHECK(v.entries == 3);
  CHECK(v.message.find("anchor") != std::string::npos);
  CHECK((std::filesystem::status(anchor_file(dir)).permissions() & std::filesystem::perms::group_read) ==
        std::filesystem::perms::none);
}

TEST_CASE("removing the newest entries through SQLCipher is reported as a chain shorter than its anchor") {
  test::TempDir dir;
  audited_deletions(*Triage::open(dir.path(), kPass), 5);
  truncate_newest(dir, 3);

  auto t = Triage::open(dir.path(), kPass);
  auto v = t->audit().verify();
  CHECK_FALSE(v.ok);
  CHECK(v.entries == 3);
  CHECK(v.message == "the audit chain ends at entry #3 but its anchor records #5: the newest 2 entries were removed");

  SUBCASE("new entries written over the cut do not hide it") {
    audited_deletions(*t, 4);  // the chain grows to #7, past the anchor's #5
    v = t->audit().verify();
    CHECK_FALSE(v.ok);
    CHECK(v.message.find("#5 is not the entry its anchor records") != std::string::npos);
    CHECK(test::read_file(anchor_file(dir)).find("count 5\n") != std::string::npos);  // kept as evidence
  }
}

TEST_CASE("a missing, damaged or forged anchor is reported, each with its own message") {
  test::TempDir dir;
  audited_deletions(*Triage::open(dir.path(), kPass), 3);
  const std::string good = test::read_file(anchor_file(dir));

  SUBCASE("missing, and not made again by later changes or a passphrase change") {
    std::filesystem::remove(anchor_file(dir));
    auto t = Triage::open(dir.path(), kPass);
    auto v = t->audit().verify();
    CHECK_FALSE(v.ok);
    CHECK(v.message.find("is missing") != std::string::npos);
    audited_deletions(*t, 1);
    t->change_passphrase("pw2");
    CHECK_FALSE(std::filesystem::exists(anchor_file(dir)));
    CHECK(t->audit().verify().message.find("is missing") != std::string::npos);
  }
  SUBCASE("damaged") {
    test::write_file(anchor_file(dir), "not an anchor\n");
    auto v = Triage::open(dir.path(), kPass)->audit().verify();
    CHECK_FALSE(v.ok);
    CHECK(v.message.find("is damaged") != std::string::npos);
  }
  SUBCASE("forged: a lower count with the old MAC, not re-signed by a passphrase change") {
    std::string forged = good;
    forged.replace(forged.find("count 3"), 7, "count 2");
    test::write_file(anchor_file(dir), forged);
    auto t = Triage::open(dir.path(), kPass);
    auto v = t->audit().verify();
    CHECK_FALSE(v.ok);
    CHECK(v.message.find("fails authentication") != std::string::npos);
    audited_deletions(*t, 1);
    t->change_passphrase("pw2");
    CHECK(t->audit().verify().message.find("fails authentication") != std::string::npos);
  }
  SUBCASE("forged: the right count and hash with a wrong MAC, not written over by later changes") {
    std::string forged = good;
    const std::size_t mac = forged.find("mac ") + 4;
    forged[mac] = forged[mac] == '0' ? '1' : '0';
    test::write_file(anchor_file(dir), forged);
    auto t = Triage::open(dir.path(), kPass);
    audited_deletions(*t, 2);
    CHECK(test::read_file(anchor_file(dir)) == forged);  // kept as evidence
    CHECK(t->audit().verify().message.find("fails authentication") != std::string::npos);
  }
  SUBCASE("another store's anchor") {
    test::TempDir other;
    audited_deletions(*Triage::open(other.path(), kPass), 3);
    std::filesystem::copy_file(anchor_file(other), anchor_file(dir), std::filesystem::copy_options::overwrite_existing);
    auto v = Triage::open(dir.path(), kPass)->audit().verify();
    CHECK_FALSE(v.ok);
    CHECK(v.message.find("fails authentication") != std::string::npos);
  }
}

TEST_CASE("the anchor is re-signed by a passphrase change and verifies under the new passphrase") {
  test::TempDir dir;
  {
    auto t = Triage::open(dir.path(), kPass);
    audited_deletions(*t, 2);
    const std::string before = test::read_file(anchor_file(dir));
    t->change_passphrase("pw2");
    const std::string after = test::read_file(anchor_file(dir));
    CHECK(after != before);
    CHECK(after.find("count 3\n") != std::string::npos);  // the passphrase change is entry #3
    CHECK(t->audit().verify().ok);
  }
  CHECK(Triage::open(dir.path(), "pw2")->audit().verify().ok);
}

TEST_CASE("a store from before the anchor is anchored once, as it stands, when opened") {
  test::TempDir dir;
  audited_deletions(*Triage::open(dir.path(), kPass), 2);
  std::filesystem::remove(anchor_file(dir));
  test::raw_sqlcipher_exec(dir / "tftsr.db", kPass, "DELETE FROM settings WHERE key = 'audit.anchored';");

  auto t = Triage::open(dir.path(), kPass);
  CHECK(test::read_file(anchor_file(dir)).find("count 2\n") != std::string::npos);
  CHECK(t->audit().verify().ok);
}
