#include "core/store/store_maintenance.h"

#include <string>
#include <vector>

#include "core/error.h"
#include "core/store/database.h"
#include "core/store/settings_repository.h"

namespace tftsr {

namespace {
constexpr const char* kRebuildPendingSetting = "maintenance.incident_index_rebuild_pending";

std::int64_t database_bytes(Database& db) {
  return std::stoll(db.query_text("PRAGMA page_count")) * std::stoll(db.query_text("PRAGMA page_size"));
}
}  // namespace

void rebuild_search_indexes(Database& db) {
  Transaction tx(db);
  // Every full-text index that reads its text by rowid from a table (issues, documents, whys,
  // root causes): VACUUM may have renumbered those rows.
  std::vector<std::string> indexes;
  auto st = db.prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE % USING fts5(%content=%'");
  while (st.step()) indexes.push_back(st.text(0));
  for (const std::string& name : indexes) db.exec("INSERT INTO " + name + "(" + name + ") VALUES ('rebuild')");
  db.exec(std::string("DELETE FROM settings WHERE key = '") + kRebuildPendingSetting + "'");
  tx.commit();
}

VacuumResult vacuum_store(Database& db) {
  if (db.in_transaction()) throw Error(ErrorKind::Internal, "VACUUM cannot run inside a transaction");
  VacuumResult r;
  r.bytes_before = database_bytes(db);
  SettingsRepository(db).set(kRebuildPendingSetting, "1");
  db.exec("VACUUM");
  rebuild_search_indexes(db);
  // Write the compacted pages back into the file and empty the WAL, so the file really shrinks.
  db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  r.bytes_after = database_bytes(db);
  return r;
}

void finish_interrupted_vacuum(Database& db) {
  if (SettingsRepository(db).get(kRebuildPendingSetting)) rebuild_search_indexes(db);
}

}  // namespace tftsr
