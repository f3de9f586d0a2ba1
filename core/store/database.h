#pragma once
// A SQLCipher 4 connection with the cipher settings of the security model, and a thin statement
// wrapper. Never include the plain sqlite3.h: only SQLCipher's header has sqlite3_key.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace tftsr {

// The settings every TFTSR database is created and verified with (SQLCipher 4 defaults, set
// explicitly so a changed library default can never weaken a new database).
struct CipherSettings {
  int page_size = 4096;
  int kdf_iter = 256000;
  std::string hmac_algorithm = "HMAC_SHA512";
  std::string kdf_algorithm = "PBKDF2_HMAC_SHA512";
};

class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql);
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Binding is 1-based, as in SQLite. Returns *this so calls chain.
  Statement& bind(int index, std::string_view value);
  Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, const std::optional<std::string>& value);
  Statement& bind_blob(int index, std::string_view bytes);
  // Binds without copying: `value` must stay alive until the statement is stepped and reset.
  // For bulk inserts, where SQLCipher's locked-memory allocator makes every copy expensive.
  Statement& bind_static(int index, std::string_view value);
  Statement& bind_null(int index);

  // Advances to the next row; false when done.
  bool step();
  // Runs to completion, for statements without rows.
  void run();
  void reset();

  bool is_null(int col) const;
  std::string text(int col) const;
  std::optional<std::string> optional_text(int col) const;
  std::int64_t integer(int col) const;
  std::string blob(int col) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

class Database {
 public:
  // Opens or creates the database at path with the passphrase. Throws Error(WrongKey) if the
  // passphrase does not open an existing file; nothing is written to the file in that case.
  static Database open(const std::filesystem::path& path, const std::string& passphrase,
                       const CipherSettings& settings = {});
  ~Database();
  Database(Database&& other) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  Database& operator=(Database&&) = delete;

  void exec(std::string_view sql);
  Statement prepare(std::string_view sql);
  std::int64_t changes() const;
  // The first column of the first row, as text; empty if no row.
  std::string query_text(std::string_view sql);

  void rekey(const std::string& new_passphrase);
  const std::filesystem::path& path() const { return path_; }
  sqlite3* handle() { return db_; }

  // True inside a transaction (or savepoint) on this connection.
  bool in_transaction() const;
  // Called after each change lands: an outermost Transaction::commit, or a writer that commits
  // on its own calling committed(). Lets what follows the store (the audit anchor) catch up; it
  // must not throw. Not called again from inside itself.
  void set_commit_listener(std::function<void()> listener) { commit_listener_ = std::move(listener); }
  void committed();

 private:
  Database(sqlite3* db, std::filesystem::path path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_;
  std::filesystem::path path_;
  std::function<void()> commit_listener_;
  bool notifying_ = false;
};

// Commits on commit(), rolls back otherwise (an exception leaves no half-written change).
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Database& db_;
  bool nested_;
  bool done_ = false;
};

// "YYYY-MM-DD HH:MM:SS" in UTC, the timestamp form of the schema's TEXT columns.
std::string utc_now_text();
std::int64_t unix_millis_now();

}  // namespace tftsr
