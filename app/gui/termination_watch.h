#pragma once
// Turns SIGTERM and SIGINT into a flag the frame loop checks, and wakes the loop when one
// arrives. The signals are blocked in every thread and received by one watcher thread with
// sigwait(), so no code runs inside a signal handler.
#include <atomic>
#include <functional>
#include <thread>

namespace tftsr::gui {

class TerminationWatch {
 public:
  // Call before any other thread starts, so that they all inherit the blocked mask.
  TerminationWatch();
  ~TerminationWatch();
  TerminationWatch(const TerminationWatch&) = delete;
  TerminationWatch& operator=(const TerminationWatch&) = delete;

  // Called from the watcher thread when a signal arrives (e.g. glfwPostEmptyEvent).
  void set_wake(std::function<void()> wake);
  bool requested() const { return requested_.load(); }

 private:
  std::atomic<bool> requested_{false};
  std::atomic<bool> stopping_{false};
  std::function<void()> wake_;
  std::atomic<bool> wake_set_{false};
  std::thread watcher_;
};

}  // namespace tftsr::gui
