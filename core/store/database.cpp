#include "core/store/database.h"

#include <sqlcipher/sqlite3.h>

#include <chrono>
#include <ctime>
#include <system_error>

#include "core/error.h"

namespace tftsr {

namespace {
[[noreturn]] void fail(sqlite3* db, const std::string& what) {
  int code = db ? sqlite3_extended_errcode(db) : SQLITE_ERROR;
  std::string msg = what + ": " + (db ? sqlite3_errmsg(db) : "out of memory");
  if ((code & 0xFF) == SQLITE_NOTADB) throw Error(ErrorKind::WrongKey, "wrong passphrase, or not a TFTSR database");
  if ((code & 0xFF) == SQLITE_CONSTRAINT) throw Error(ErrorKind::InvalidInput, msg);
  throw Error(ErrorKind::Storage, msg);
}
}  // namespace

// ---- Statement ----

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
  if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr) != SQLITE_OK)
    fail(db, "cannot prepare statement");
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement::Statement(Statement&& other) noexcept : db_(other.db_), stmt_(other.stmt_) { other.stmt_ = nullptr; }

Statement& Statement::bind(int index, std::string_view value) {
  if (sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8) != SQLITE_OK)
    fail(db_, "cannot bind text");
  return *this;
}

Statement& Statement::bind_static(int index, std::string_view value) {
  if (sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_STATIC, SQLITE_UTF8) != SQLITE_OK)
    fail(db_, "cannot bind text");
  return *this;
}

Statement& Statement::bind(int index, std::int64_t value) {
  if (sqlite3_bind_int64(stmt_, index, value) != SQLITE_OK) fail(db_, "cannot bind integer");
  return *this;
}

Statement& Statement::bind(int index, const std::optional<std::string>& value) {
  return value ? bind(index, std::string_view(*value)) : bind_null(index);
}

Statement& Statement::bind_blob(int index, std::string_view bytes) {
  if (sqlite3_bind_blob64(stmt_, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT) != SQLITE_OK)
    fail(db_, "cannot bind blob");
  return *this;
}

Statement& Statement::bind_null(int index) {
  if (sqlite3_bind_null(stmt_, index) != SQLITE_OK) fail(db_, "cannot bind null");
  return *this;
}

bool Statement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  fail(db_, "statement failed");
}

void Statement::run() {
  while (step()) {
  }
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

bool Statement::is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

std::string Statement::text(int col) const {
  auto p = sqlite3_column_text(stmt_, col);
  return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col)))
           : std::string();
}

std::optional<std::string> Statement::optional_text(int col) const {
  if (is_null(col)) return std::nullopt;
  return text(col);
}

std::int64_t Statement::integer(int col) const { return sqlite3_column_int64(stmt_, col); }

std::string Statement::blob(int col) const {
  auto p = static_cast<const char*>(sqlite3_column_blob(stmt_, col));
  return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col))) : std::string();
}

// ---- Database ----

Database Database::open(const std::filesystem::path& path, const std::string& passphrase,
                        const CipherSettings& settings) {
  if (passphrase.empty()) throw Error(ErrorKind::InvalidInput, "the passphrase must not be empty");
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                           nullptr);
  Database db(raw, path);
  if (rc != SQLITE_OK) fail(raw, "cannot open " + path.string());
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, 5000);
  // Quiet SQLCipher's own logging of a wrong key: we report it ourselves.
  db.exec("PRAGMA cipher_log_source = NONE");
  if (sqlite3_key(raw, passphrase.data(), static_cast<int>(passphrase.size())) != SQLITE_OK)
    fail(raw, "cannot set the key");
  // SQLCipher's memory security (mlock and wipe of every SQLite allocation) stays off, its default
  // since 4.5: storing ~100k findings spent most of its time in it, and it guards copies of data
  // this process holds in ordinary memory anyway (the decrypted log text, findings, views). The
  // key material is wiped instead: SQLCipher clears its own key buffers, and we clear ours.
  db.exec("PRAGMA cipher_memory_security = OFF");
  db.exec("PRAGMA cipher_page_size = " + std::to_string(settings.page_size));
  db.exec("PRAGMA kdf_iter = " + std::to_string(settings.kdf_iter));
  db.exec("PRAGMA cipher_hmac_algorithm = " + settings.hmac_algorithm);
  db.exec("PRAGMA cipher_kdf_algorithm = " + settings.kdf_algorithm);
  // The first read decrypts page 1: a wrong key fails here, before anything is written.
  db.query_text("SELECT count(*) FROM sqlite_master");

  // Verify the settings really in force.
  if (db.query_text("PRAGMA cipher_version").rfind("4.", 0) != 0)
    throw Error(ErrorKind::Storage, "SQLCipher 4 is required, found " + db.query_text("PRAGMA cipher_version"));
  if (db.query_text("PRAGMA cipher_page_size") != std::to_string(settings.page_size) ||
      db.query_text("PRAGMA kdf_iter") != std::to_string(settings.kdf_iter) ||
      db.query_text("PRAGMA cipher_hmac_algorithm") != settings.hmac_algorithm ||
      db.query_text("PRAGMA cipher_kdf_algorithm") != settings.kdf_algorithm)
    throw Error(ErrorKind::Storage, "the database's cipher settings differ from the required ones");

  db.exec("PRAGMA foreign_keys = ON");
  if (db.query_text("PRAGMA journal_mode = WAL") != "wal")
    throw Error(ErrorKind::Storage, "cannot switch the database to WAL journaling");
  db.exec("PRAGMA synchronous = NORMAL");
  std::error_code ec;
  std::filesystem::permissions(path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
                               std::filesystem::perm_options::replace, ec);
  return db;
}

Database::~Database() {
  if (db_) sqlite3_close_v2(db_);
}

Database::Database(Database&& other) noexcept
    : db_(other.db_), path_(std::move(other.path_)), commit_listener_(std::move(other.commit_listener_)) {
  other.db_ = nullptr;
}

bool Database::in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }

void Database::committed() {
  if (!commit_listener_ || notifying_) return;
  notifying_ = true;
  commit_listener_();
  notifying_ = false;
}

void Database::exec(std::string_view sql) {
  std::string s(sql);
  char* err = nullptr;
  if (sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    sqlite3_free(err);
    fail(db_, "statement failed");
  }
}

Statement Database::prepare(std::string_view sql) { return Statement(db_, sql); }

std::int64_t Database::changes() const { return sqlite3_changes64(db_); }

std::string Database::query_text(std::string_view sql) {
  Statement st(db_, sql);
  return st.step() ? st.text(0) : std::string();
}

void Database::rekey(const std::string& new_passphrase) {
  if (new_passphrase.empty()) throw Error(ErrorKind::InvalidInput, "the new passphrase must not be empty");
  if (sqlite3_rekey(db_, new_passphrase.data(), static_cast<int>(new_passphrase.size())) != SQLITE_OK)
    fail(db_, "cannot change the passphrase");
}

// ---- Transaction ----

// Inside another transaction this one becomes a savepoint, so a step that needs to be atomic
// on its own can also be part of a larger atomic change.
Transaction::Transaction(Database& db) : db_(db), nested_(sqlite3_get_autocommit(db.handle()) == 0) {
  db_.exec(nested_ ? "SAVEPOINT nested_tx" : "BEGIN IMMEDIATE");
}

Transaction::~Transaction() {
  if (!done_) {
    try {
      db_.exec(nested_ ? "ROLLBACK TO nested_tx; RELEASE nested_tx" : "ROLLBACK");
    } catch (...) {
    }
  }
}

void Transaction::commit() {
  db_.exec(nested_ ? "RELEASE nested_tx" : "COMMIT");
  done_ = true;
  if (!nested_) db_.committed();
}

std::string utc_now_text() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  return buf;
}

std::int64_t unix_millis_now() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace tftsr
