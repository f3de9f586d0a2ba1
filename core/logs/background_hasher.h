#pragma once
// SHA-256 of a stream, computed on a thread of its own one block at a time, so that another core
// can work on the same block meanwhile (an import decodes and seals while the original is hashed).
// The caller hands a block, does its own work on it, then waits: neither side gets ahead of the
// other, so a reader of a mapped file can release each block once both are done with it.
#include <condition_variable>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "core/crypto/sha256.h"

namespace tftsr::logs {

class BackgroundHasher {
 public:
  BackgroundHasher();
  // Waits for the block under way.
  ~BackgroundHasher();
  BackgroundHasher(const BackgroundHasher&) = delete;
  BackgroundHasher& operator=(const BackgroundHasher&) = delete;

  // Starts hashing `block`, which must stay valid until wait() returns. One block at a time.
  void start(std::string_view block);
  // Returns once the block given to start() is hashed.
  void wait();
  // The digest of every block given, in hex.
  std::string finish_hex();

 private:
  void run();

  Sha256 hash_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::string_view block_;
  bool busy_ = false;
  bool stopping_ = false;
  std::thread thread_;  // last: started once the rest is ready
};

}  // namespace tftsr::logs
