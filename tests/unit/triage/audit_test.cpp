#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/audit/audit_log.h"
#include "core/triage.h"
#include "tests/support/second_connection.h"
#include "tests/support/temp_dir.h"

using namespace tftsr;

namespace {
// Real audited actions, to fill the log: each deletion of an incident writes one entry.
void audited_deletions(Triage& t, int n) {
  for (int i = 0; i < n; ++i) t.incidents().remove(t.incidents().create({"gone " + std::to_string(i), "P4", {}, {}}).id);
}
}  // namespace

TEST_CASE("deleting, exporting and re-keying are audited in a verifiable chain") {
  test::TempDir dir;
  auto t = Triage::open(dir.path(), "pw");
  Incident a = t->incidents().create({"first", "P1", {}, {}});
  t->incidents().remove(a.id);
  t->audit().export_to(dir / "audit.csv", {});
  t->change_passphrase("pw2");

  auto entries = t->audit().entries({});
  REQUIRE(entries.size() == 3);
  CHECK(entries[0].action == "passphrase_change");  // newest first
  CHECK(entries[2].action == "issue_delete");
  CHECK(entries[2].entity_id == a.id);
  CHECK(nlohmann::json::parse(*entries[2].details)["title"] == "first");
  CHECK(entries[2].prev_hash == AuditLog::kGenesisHash);
  CHECK(entries[1].prev_hash == entries[2].entry_hash);
  CHECK(entries[0].seq == 3);

  AuditFilter only_exports;
  only_exports.action = "audit_exported";
  CHECK(t->audit().entries(only_exports).size() == 1);

  auto v = t->audit().verify();
  CHECK(v.ok);
  CHECK(v.entries == 3);

  t.reset();
  CHECK_THROWS_AS(Triage::open(dir.path(), "pw"), Error);
  CHECK(Triage::open(dir.path(), "pw2")->audit().verify().ok);
}

TEST_CASE("the audit log refuses UPDATE and DELETE") {
  test::TempDir dir;
  auto t = Triage::open(dir.path(), "pw");
  audited_deletions(*t, 1);
  auto db = test::second_connection(*t, "pw");
  CHECK_THROWS_WITH(db.exec("UPDATE audit_log SET action = 'nothing'"), doctest::Contains("append-only"));
  CHECK_THROWS_WITH(db.exec("DELETE FROM audit_log"), doctest::Contains("append-only"));
  CHECK(t->audit().entries({}).size() == 1);
}

TEST_CASE("verification names the first entry altered around the triggers") {
  test::TempDir dir;
  auto t = Triage::open(dir.path(), "pw");
  audited_deletions(*t, 5);
  auto entries = t->audit().entries({});  // newest first
  const std::string victim = entries[2].id;  // seq 3

  auto db = test::second_connection(*t, "pw");
  db.exec("DROP TRIGGER audit_log_no_update");
  db.prepare("UPDATE audit_log SET details = '{\"forged\":true}' WHERE id = ?").bind(1, victim).run();
  auto v = t->audit().verify();
  CHECK_FALSE(v.ok);
  CHECK(v.first_broken_id == victim);
  CHECK(v.message.find("altered") != std::string::npos);
}

TEST_CASE("verification detects a removed entry") {
  test::TempDir dir;
  auto t = Triage::open(dir.path(), "pw");
  audited_deletions(*t, 4);
  auto entries = t->audit().entries({});
  auto db = test::second_connection(*t, "pw");
  db.exec("DROP TRIGGER audit_log_no_delete");
  db.prepare("DELETE FROM audit_log WHERE id = ?").bind(1, entries[2].id).run();  // seq 2
  auto v = t->audit().verify();
  CHECK_FALSE(v.ok);
  CHECK(v.first_broken_id == entries[1].id);  // seq 3 now follows a gap
}

TEST_CASE("secrets are sealed with AES-256-GCM and survive a passphrase change") {
  test::TempDir dir;
  std::string sealed;
  {
    auto t = Triage::open(dir.path(), "pw");
    sealed = t->seal_secret("sk-live-123");
    CHECK(sealed.find("sk-live") == std::string::npos);
    CHECK(t->open_secret(sealed) == "sk-live-123");
    test::second_connection(*t, "pw")
        .prepare("INSERT INTO credentials(id, service, token_hash, encrypted_token, created_at) VALUES "
                 "('c1', 'confluence', 'h', ?, 't')")
        .bind(1, sealed)
        .run();
    t->change_passphrase("pw2");
    std::string resealed = test::second_connection(*t, "pw2").query_text("SELECT encrypted_token FROM credentials");
    CHECK(resealed != sealed);
    CHECK(t->open_secret(resealed) == "sk-live-123");
    CHECK_THROWS_AS(t->open_secret(sealed), Error);  // the old key no longer opens anything
  }
  auto t = Triage::open(dir.path(), "pw2");
  CHECK(t->open_secret(test::second_connection(*t, "pw2").query_text("SELECT encrypted_token FROM credentials")) ==
        "sk-live-123");
}
