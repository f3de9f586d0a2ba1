#include "app/cli/interrupt.h"

#include <atomic>
#include <csignal>

namespace tftsr::cli {

namespace {
std::atomic<bool> interrupted{false};

extern "C" void on_interrupt(int) {
  interrupted.store(true);
  std::signal(SIGINT, SIG_DFL);  // the next Ctrl+C ends the program
}
}  // namespace

std::function<bool()> interrupt_check() {
  interrupted.store(false);
  std::signal(SIGINT, on_interrupt);
  return [] { return interrupted.load(); };
}

}  // namespace tftsr::cli
