#pragma once
// SQL on a closed store through the SQLCipher C API itself, with nothing of ours in between:
// what someone holding the passphrase and the `sqlcipher` tool could do to the file.
#include <sqlcipher/sqlite3.h>

#include <filesystem>
#include <stdexcept>
#include <string>

namespace tftsr::test {

inline void raw_sqlcipher_exec(const std::filesystem::path& db_file, const std::string& passphrase,
                               const std::string& sql) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(db_file.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    throw std::runtime_error("cannot open " + db_file.string());
  }
  char* err = nullptr;
  int rc = sqlite3_key(db, passphrase.data(), static_cast<int>(passphrase.size()));
  if (rc == SQLITE_OK) rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
  std::string message = err ? err : sqlite3_errmsg(db);
  sqlite3_free(err);
  sqlite3_close(db);
  if (rc != SQLITE_OK) throw std::runtime_error(message);
}

}  // namespace tftsr::test
