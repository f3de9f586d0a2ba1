#pragma once
// A progress bar on stderr for long commands, drawn only when stderr is a terminal: piped output
// and --json stay free of it. Redraws at most a few times a second and erases itself when done.
#include <chrono>
#include <string>

#include "core/progress.h"

namespace tftsr::cli {

class ProgressBar {
 public:
  // enabled: the caller's wish (false with --json); the bar also stays off when stderr is not a
  // terminal.
  explicit ProgressBar(bool enabled);
  ~ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  void update(double fraction, std::string_view note);
  // Erases the bar (before the command prints its result).
  void clear();
  // A Progress that draws on this bar; it must not outlive the bar.
  Progress progress();
  bool shown() const { return enabled_; }

 private:
  bool enabled_;
  bool drawn_ = false;
  int last_permille_ = -1;
  std::chrono::steady_clock::time_point last_draw_{};
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

// A Progress that draws a bar on stderr (when `enabled` and stderr is a terminal) as long as a
// copy of it lives (a temporary for the call: the bar erases itself after); with
// `interruptible`, Ctrl+C cancels the operation (interrupt.h).
Progress stderr_progress(bool enabled, bool interruptible = false);

}  // namespace tftsr::cli
