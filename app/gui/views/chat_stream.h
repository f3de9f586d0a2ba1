#pragma once
// What a streaming reply shares between the worker that sends it and the UI thread that shows
// it: the text so far (written by the worker under the mutex, taken by the frame without ever
// waiting on the network) and the Stop flag the worker's request polls.
#include <atomic>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace tftsr::gui {

class ChatStream {
 public:
  // Worker side.
  void put(std::string_view reply_so_far) {
    std::lock_guard lock(mutex_);
    text_.assign(reply_so_far);
    fresh_ = true;
  }
  bool stop_requested() const { return stop_.load(std::memory_order_relaxed); }

  // UI side: the new text when it changed since the last call.
  std::optional<std::string> take() {
    std::lock_guard lock(mutex_);
    if (!fresh_) return std::nullopt;
    fresh_ = false;
    return text_;
  }
  void request_stop() { stop_.store(true, std::memory_order_relaxed); }

 private:
  std::mutex mutex_;
  std::string text_;
  bool fresh_ = false;
  std::atomic<bool> stop_{false};
};

}  // namespace tftsr::gui
