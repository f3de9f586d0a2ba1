#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/store/database.h"
#include "core/triage.h"
#include "tests/support/temp_dir.h"

using namespace tftsr;

TEST_CASE("deleting, exporting and re-keying are audited in a verifiable chain") {
  test::TempDir dir;
  auto t = Triage::open(dir.path(), "pw");
  Issue a = t->create_issue({"first", "P1", {}, {}});
  t->delete_issue(a.id);
  t->record_audit("export", "document", "doc-1", R"({"format":"pdf","sha256":"abc"})");
  t->change_passphrase("pw2");

  auto entries = t->audit_entries({});
  REQUIRE(entries.size() == 3);
  CHECK(entries[0].action == "passphrase_change");  // newest first
  CHECK(entries[2].action == "issue_delete");
  CHECK(entries[2].entity_id == a.id);
  CHECK(nlohmann::json::parse(*entries[2].details)["title"] == "first");
  CHECK(entries[2].prev_hash == AuditLog::kGenesisHash);
  CHECK(entries[1].prev_hash == entries[2].entry_hash);
  CHECK(entries[0].seq == 3);

  AuditFilter only_exports;
  only_exports.action = "export";
  CHECK(t->audit_entries(only_exports).size() == 1);

  auto v = t->verify_audit();
  CHECK(v.ok);
  CHECK(v.entries == 3);

  t.reset();
  CHECK_THROWS_AS(Triage::open(dir.path(), "pw"), Error);
  CHECK(Triage::open(dir.path(), "pw2")->verify_audit().ok);
}

TEST_CASE("the audit log refuses UPDATE and DELETE") {
  test::TempDir dir;
  auto t = Triage::open(dir.path(), "pw");
  t->record_audit("export", "issue", "x", "");
  CHECK_THROWS_WITH(t->database().exec("UPDATE audit_log SET action = 'nothing'"), doctest::Contains("append-only"));
  CHECK_THROWS_WITH(t->database().exec("DELETE FROM audit_log"), doctest::Contains("append-only"));
  CHECK(t->audit_entries({}).size() == 1);
}

TEST_CASE("verification names the first entry altered around the triggers") {
  test::TempDir dir;
  auto t = Triage::open(dir.path(), "pw");
  for (int i = 0; i < 5; ++i) t->record_audit("export", "issue", "id" + std::to_string(i), "{}");
  auto entries = t->audit_entries({});  // newest first
  const std::string victim = entries[2].id;  // seq 3

  auto& db = t->database();
  db.exec("DROP TRIGGER audit_log_no_update");
  db.prepare("UPDATE audit_log SET details = '{\"forged\":true}' WHERE id = ?").bind(1, victim).run();
  auto v = t->verify_audit();
  CHECK_FALSE(v.ok);
  CHECK(v.first_broken_id == victim);
  CHECK(v.message.find("altered") != std::string::npos);
}

TEST_CASE("verification detects a removed entry") {
  test::TempDir dir;
  auto t = Triage::open(dir.path(), "pw");
  for (int i = 0; i < 4; ++i) t->record_audit("export", "issue", "id" + std::to_string(i), "{}");
  auto entries = t->audit_entries({});
  auto& db = t->database();
  db.exec("DROP TRIGGER audit_log_no_delete");
  db.prepare("DELETE FROM audit_log WHERE id = ?").bind(1, entries[2].id).run();  // seq 2
  auto v = t->verify_audit();
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
    t->database()
        .prepare("INSERT INTO credentials(id, service, token_hash, encrypted_token, created_at) VALUES "
                 "('c1', 'confluence', 'h', ?, 't')")
        .bind(1, sealed)
        .run();
    t->change_passphrase("pw2");
    std::string resealed = t->database().query_text("SELECT encrypted_token FROM credentials");
    CHECK(resealed != sealed);
    CHECK(t->open_secret(resealed) == "sk-live-123");
    CHECK_THROWS_AS(t->open_secret(sealed), Error);  // the old key no longer opens anything
  }
  auto t = Triage::open(dir.path(), "pw2");
  CHECK(t->open_secret(t->database().query_text("SELECT encrypted_token FROM credentials")) == "sk-live-123");
}
