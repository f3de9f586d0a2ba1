#pragma once
// What every area service is built from: the open connection, the lock that serialises its use,
// the journal that records changes, and the other shared parts Triage owns. Private to core/:
// the app reaches the services through Triage.
#include <mutex>
#include <utility>

#include "core/store/read_connection.h"

namespace tftsr {

class Database;
class EncryptedFileStore;
class Journal;
namespace pii {
class DetectorCache;
}

using ServiceLock = std::lock_guard<std::recursive_mutex>;

struct ServiceContext {
  Database& db;
  std::recursive_mutex& mutex;  // hold it for every use of db (ServiceLock lock(ctx.mutex))
  Journal& journal;             // writes on db: call with the lock held, inside the transaction
  EncryptedFileStore& content;  // sealed log text; thread-safe on its own
  pii::DetectorCache& detectors;
  ReadConnection* reader = nullptr;  // reads that must not wait for a long write (see below)
};

// For the small reads the UI makes (lists, an incident's page): on the writer when it is free, on
// the read connection while another thread writes. Such a read sees committed changes only, so
// use it for reads that stand alone, never for a read a write depends on.
template <class Read>
auto read_committed(ServiceContext& ctx, Read&& read) -> decltype(read(ctx.db)) {
  if (!ctx.reader) {
    ServiceLock lock(ctx.mutex);
    return read(ctx.db);
  }
  return ctx.reader->run(ctx.mutex, ctx.db, std::forward<Read>(read));
}

}  // namespace tftsr
