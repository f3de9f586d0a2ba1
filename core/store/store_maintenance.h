#pragma once
// Store upkeep the user starts: VACUUM to give back the space of deleted rows. The full-text
// indexes (of incidents, documents, whys, root causes) are keyed on the implicit rowid of tables
// whose key is TEXT, and VACUUM may renumber such rows: so they are rebuilt right after. A flag set
// before the VACUUM and cleared with the rebuild lets the next open finish an interrupted one.
#include <cstdint>

namespace tftsr {

class Database;

struct VacuumResult {
  std::int64_t bytes_before = 0;  // the database's pages times the page size
  std::int64_t bytes_after = 0;
};

// Outside any transaction, with no other statement of this connection running.
VacuumResult vacuum_store(Database& db);
// At open: rebuilds the indexes if a vacuum stopped between its VACUUM and its rebuild.
void finish_interrupted_vacuum(Database& db);
// Rebuilds every external-content full-text index from its table, in one transaction.
void rebuild_search_indexes(Database& db);

}  // namespace tftsr
