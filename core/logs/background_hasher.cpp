#include "core/logs/background_hasher.h"

namespace tftsr::logs {

BackgroundHasher::BackgroundHasher() : thread_([this] { run(); }) {}

BackgroundHasher::~BackgroundHasher() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

void BackgroundHasher::start(std::string_view block) {
  {
    std::lock_guard lock(mutex_);
    block_ = block;
    busy_ = true;
  }
  changed_.notify_all();
}

void BackgroundHasher::wait() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return !busy_; });
}

std::string BackgroundHasher::finish_hex() {
  wait();
  return hash_.finish_hex();
}

void BackgroundHasher::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    changed_.wait(lock, [this] { return busy_ || stopping_; });
    if (busy_) {  // a block handed over is hashed even when stopping: the caller may be waiting
      const std::string_view block = block_;
      lock.unlock();
      hash_.update(block);
      lock.lock();
      busy_ = false;
      changed_.notify_all();
    } else {
      return;
    }
  }
}

}  // namespace tftsr::logs
