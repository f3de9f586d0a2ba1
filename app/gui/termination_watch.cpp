#include "app/gui/termination_watch.h"

#include <pthread.h>
#include <signal.h>

namespace tftsr::gui {

namespace {
sigset_t watched_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGUSR2);  // private: tells the watcher to stop
  return set;
}
}  // namespace

TerminationWatch::TerminationWatch() {
  sigset_t set = watched_signals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  watcher_ = std::thread([this, set] {
    for (;;) {
      int sig = 0;
      if (sigwait(&set, &sig) != 0) continue;
      if (sig == SIGUSR2 && stopping_.load()) return;
      if (sig == SIGTERM || sig == SIGINT) {
        requested_ = true;
        if (wake_set_.load()) wake_();
      }
    }
  });
}

TerminationWatch::~TerminationWatch() {
  stopping_ = true;
  pthread_kill(watcher_.native_handle(), SIGUSR2);
  watcher_.join();
}

void TerminationWatch::set_wake(std::function<void()> wake) {
  wake_ = std::move(wake);
  wake_set_ = true;
}

}  // namespace tftsr::gui
