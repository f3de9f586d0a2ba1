#pragma once
// A second connection to the store, for reads only, so that a long write (storing 500k findings,
// a re-index) does not make the UI's small reads wait for the one writer connection and its lock.
// WAL lets it read the last committed state while the writer works.
//
// It is opened only when a read finds the writer busy, on a thread of its own (the key derivation
// takes a noticeable fraction of a second): start-up and the CLI, whose reads never wait, do not
// pay for it. Until it is open, reads wait for whichever comes first, the writer or the reader.
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "core/store/database.h"

namespace tftsr {

class ReadConnection {
 public:
  ReadConnection(std::filesystem::path db_path, std::string passphrase);
  ~ReadConnection();
  ReadConnection(const ReadConnection&) = delete;
  ReadConnection& operator=(const ReadConnection&) = delete;

  // Runs read(Database&) on the writer when its lock is free or already held by this thread (a
  // read inside a write must see that write), else on the read connection. The read connection
  // sees only committed changes.
  template <class Read>
  auto run(std::recursive_mutex& writer_lock, Database& writer, Read&& read) -> decltype(read(writer)) {
    std::unique_lock<std::recursive_mutex> w(writer_lock, std::try_to_lock);
    if (w.owns_lock()) return read(writer);
    start_opening();
    for (;;) {
      {
        std::unique_lock<std::mutex> r(mutex_);
        if (ready_.wait_for(r, std::chrono::milliseconds(5), [this] { return db_ || !usable_; })) {
          if (db_) return read(*db_);
          r.unlock();
          w.lock();  // cannot open (or suspended for a re-key): wait for the writer
          return read(writer);
        }
      }
      if (w.try_lock()) return read(writer);
    }
  }

  // Before a re-key, with the writer's lock held: closes the connection (its key is about to go
  // stale) and sends reads to the writer until resume().
  void suspend();
  // After the re-key, done or undone: opened again, with this passphrase, when next needed.
  void resume(std::string passphrase);
  bool is_open();

 private:
  void start_opening();
  void join_opener();

  std::filesystem::path path_;
  std::string passphrase_;  // wiped once the connection is open
  std::mutex mutex_;        // guards everything below, and every use of db_
  std::condition_variable ready_;
  std::unique_ptr<Database> db_;
  bool usable_ = true;  // false after a failed open, or while suspended
  bool opening_ = false;
  std::thread opener_;
};

}  // namespace tftsr
