#include "core/store/migrations.h"

#include <algorithm>
#include <set>
#include <utility>

#include "core/error.h"
#include "core/store/database.h"

namespace tftsr::migration_files {
const std::vector<std::pair<std::string_view, std::string_view>>& files();
}

namespace tftsr {

std::vector<Migration> embedded_migrations() {
  std::vector<Migration> out;
  for (const auto& [name, sql] : migration_files::files()) out.push_back({name, sql});
  std::sort(out.begin(), out.end(), [](const Migration& a, const Migration& b) { return a.name < b.name; });
  return out;
}

std::vector<std::string> apply_migrations(Database& db, std::string_view last) {
  db.exec("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)");
  std::set<std::string> applied;
  {
    auto st = db.prepare("SELECT name FROM _migrations");
    while (st.step()) applied.insert(st.text(0));
  }
  const auto all = embedded_migrations();
  for (const auto& name : applied) {
    bool known = std::any_of(all.begin(), all.end(), [&](const Migration& m) { return m.name == name; });
    if (!known)
      throw Error(ErrorKind::Storage, "the database was written by a newer TFTSR (unknown migration " + name + ")");
  }
  std::vector<std::string> done;
  for (const auto& m : all) {
    if (!last.empty() && m.name > last) break;
    if (applied.count(std::string(m.name))) continue;
    Transaction tx(db);
    try {
      db.exec(m.sql);
    } catch (const Error& e) {
      throw Error(ErrorKind::Storage, "migration " + std::string(m.name) + " failed: " + e.what());
    }
    db.prepare("INSERT INTO _migrations(name, applied_at) VALUES (?, ?)").bind(1, m.name).bind(2, utc_now_text()).run();
    tx.commit();
    done.emplace_back(m.name);
  }
  return done;
}

}  // namespace tftsr
