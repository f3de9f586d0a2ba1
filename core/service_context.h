#pragma once
// What every area service is built from: the open connection, the lock that serialises its use,
// the journal that records changes, and the other shared parts Triage owns. Private to core/:
// the app reaches the services through Triage.
#include <mutex>

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
};

}  // namespace tftsr
