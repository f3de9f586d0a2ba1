#include <doctest/doctest.h>

#include "core/error.h"
#include "core/store/database.h"
#include "core/store/migrations.h"
#include "tests/support/temp_dir.h"

using namespace tftsr;

TEST_CASE("the cipher settings of the security model are in force") {
  test::TempDir dir;
  auto db = Database::open(dir / "tftsr.db", "pw");
  CHECK(db.query_text("PRAGMA cipher_version").rfind("4.", 0) == 0);
  CHECK(db.query_text("PRAGMA cipher_page_size") == "4096");
  CHECK(db.query_text("PRAGMA kdf_iter") == "256000");
  CHECK(db.query_text("PRAGMA cipher_hmac_algorithm") == "HMAC_SHA512");
  CHECK(db.query_text("PRAGMA cipher_kdf_algorithm") == "PBKDF2_HMAC_SHA512");
  // Off on purpose (database.cpp says why): SQLCipher's default since 4.5.
  CHECK(db.query_text("PRAGMA cipher_memory_security") == "0");
  CHECK(db.query_text("PRAGMA foreign_keys") == "1");
  CHECK(db.query_text("PRAGMA journal_mode") == "wal");
}

TEST_CASE("the file on disk is encrypted") {
  test::TempDir dir;
  {
    auto db = Database::open(dir / "tftsr.db", "pw");
    apply_migrations(db);
    db.exec("INSERT INTO settings(key, value, updated_at) VALUES ('marker', 'PLAINTEXT-MARKER-4711', 'x')");
    db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  }
  std::string bytes = test::read_file(dir / "tftsr.db");
  REQUIRE(bytes.size() >= 4096);
  CHECK(bytes.rfind("SQLite format 3", 0) != 0);
  CHECK(bytes.find("PLAINTEXT-MARKER-4711") == std::string::npos);
  CHECK(bytes.find("CREATE TABLE") == std::string::npos);
}

TEST_CASE("a wrong passphrase is a clear error and leaves the file byte-for-byte unchanged") {
  test::TempDir dir;
  {
    auto db = Database::open(dir / "tftsr.db", "right");
    apply_migrations(db);
  }
  std::string before = test::read_file(dir / "tftsr.db");
  try {
    Database::open(dir / "tftsr.db", "wrong");
    FAIL("a wrong key opened the database");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::WrongKey);
    CHECK(std::string(e.what()) == "wrong passphrase, or not a TFTSR database");
  }
  CHECK(test::read_file(dir / "tftsr.db") == before);
  CHECK_NOTHROW(Database::open(dir / "tftsr.db", "right"));
}

TEST_CASE("a file that is not a database is refused as such") {
  test::TempDir dir;
  test::write_file(dir / "tftsr.db", std::string(8192, 'A'));
  CHECK_THROWS_WITH(Database::open(dir / "tftsr.db", "pw"), "wrong passphrase, or not a TFTSR database");
  CHECK(test::read_file(dir / "tftsr.db") == std::string(8192, 'A'));
}

TEST_CASE("an empty passphrase is refused") {
  test::TempDir dir;
  CHECK_THROWS_AS(Database::open(dir / "tftsr.db", ""), Error);
  CHECK_FALSE(std::filesystem::exists(dir / "tftsr.db"));
}

TEST_CASE("foreign keys cascade deletes") {
  test::TempDir dir;
  auto db = Database::open(dir / "tftsr.db", "pw");
  apply_migrations(db);
  db.exec("INSERT INTO issues(id,title,severity,status,created_at,updated_at) VALUES ('i1','t','P1','open','a','a')");
  db.exec("INSERT INTO log_files(id,issue_id,file_name,file_path,uploaded_at) VALUES ('l1','i1','f','p','a')");
  db.exec("INSERT INTO pii_spans(id,log_file_id,pii_type,start_offset,end_offset,original_value,replacement) VALUES ('s1','l1','Email',0,5,'a@b.c','[Email]')");
  CHECK_THROWS_AS(db.exec("INSERT INTO log_files(id,issue_id,file_name,file_path,uploaded_at) VALUES "
                          "('l2','missing','f','p','a')"),
                  Error);
  db.exec("DELETE FROM issues WHERE id='i1'");
  CHECK(db.query_text("SELECT count(*) FROM log_files") == "0");
  CHECK(db.query_text("SELECT count(*) FROM pii_spans") == "0");
}

TEST_CASE("a transaction rolls back when not committed") {
  test::TempDir dir;
  auto db = Database::open(dir / "tftsr.db", "pw");
  apply_migrations(db);
  try {
    Transaction tx(db);
    db.exec("INSERT INTO settings VALUES ('k','v','t')");
    throw std::runtime_error("interrupted");
  } catch (const std::runtime_error&) {
  }
  CHECK(db.query_text("SELECT count(*) FROM settings") == "0");
}

TEST_CASE("a nested transaction is a savepoint: its rollback keeps the outer work") {
  test::TempDir dir;
  auto db = Database::open(dir / "tftsr.db", "pw");
  apply_migrations(db);
  {
    Transaction outer(db);
    db.exec("INSERT INTO settings VALUES ('outer','v','t')");
    {
      Transaction inner(db);
      db.exec("INSERT INTO settings VALUES ('inner','v','t')");
    }  // not committed
    {
      Transaction inner(db);
      db.exec("INSERT INTO settings VALUES ('inner2','v','t')");
      inner.commit();
    }
    outer.commit();
  }
  CHECK(db.query_text("SELECT group_concat(key) FROM (SELECT key FROM settings ORDER BY key)") == "inner2,outer");
}

TEST_CASE("re-keying keeps the data and retires the old passphrase") {
  test::TempDir dir;
  {
    auto db = Database::open(dir / "tftsr.db", "old");
    apply_migrations(db);
    db.exec("INSERT INTO settings VALUES ('k','v','t')");
    db.rekey("new");
  }
  CHECK_THROWS_AS(Database::open(dir / "tftsr.db", "old"), Error);
  auto db = Database::open(dir / "tftsr.db", "new");
  CHECK(db.query_text("SELECT value FROM settings WHERE key='k'") == "v");
}

TEST_CASE("timestamps are UTC text in the schema's form") {
  std::string t = utc_now_text();
  REQUIRE(t.size() == 19);
  CHECK(t[4] == '-');
  CHECK(t[10] == ' ');
  CHECK(t[13] == ':');
}
