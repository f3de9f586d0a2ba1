#pragma once
// Versioned schema migrations, embedded from migrations/*.sql at build time and applied in name
// order, each in one transaction, recorded in _migrations(name, applied_at).
#include <string>
#include <string_view>
#include <vector>

namespace tftsr {

class Database;

struct Migration {
  std::string_view name;  // file name, e.g. "001_issues.sql"
  std::string_view sql;
};

// All migrations shipped with this build, sorted by name.
std::vector<Migration> embedded_migrations();

// Applies every migration not yet recorded, up to and including `last` if given. Returns the
// names applied now. Refuses a database that has migrations this build does not know (made by
// a newer TFTSR).
std::vector<std::string> apply_migrations(Database& db, std::string_view last = {});

}  // namespace tftsr
