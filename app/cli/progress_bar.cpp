#include "app/cli/progress_bar.h"

#include <memory>

#include "app/cli/interrupt.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>

namespace tftsr::cli {

ProgressBar::ProgressBar(bool enabled) : enabled_(enabled && isatty(STDERR_FILENO)) {}

ProgressBar::~ProgressBar() { clear(); }

void ProgressBar::update(double fraction, std::string_view note) {
  if (!enabled_) return;
  fraction = std::clamp(fraction, 0.0, 1.0);
  const int permille = static_cast<int>(fraction * 1000);
  const auto now = std::chrono::steady_clock::now();
  if (permille == last_permille_ || (drawn_ && now - last_draw_ < std::chrono::milliseconds(100) && permille < 1000))
    return;
  last_permille_ = permille;
  last_draw_ = now;
  constexpr int kWidth = 30;
  const int filled = static_cast<int>(fraction * kWidth);
  std::string bar(static_cast<std::size_t>(filled), '#');
  bar.append(static_cast<std::size_t>(kWidth - filled), '.');
  const double seconds = std::chrono::duration<double>(now - started_).count();
  std::fprintf(stderr, "\r\033[K[%s] %3d%% %.*s  %.1f s", bar.c_str(), permille / 10, static_cast<int>(note.size()),
               note.data(), seconds);
  std::fflush(stderr);
  drawn_ = true;
}

void ProgressBar::clear() {
  if (!drawn_) return;
  std::fputs("\r\033[K", stderr);
  std::fflush(stderr);
  drawn_ = false;
}

Progress ProgressBar::progress() {
  Progress p;
  if (enabled_) p.report = [this](double f, std::string_view note) { update(f, note); };
  return p;
}

Progress stderr_progress(bool enabled, bool interruptible) {
  auto bar = std::make_shared<ProgressBar>(enabled);
  Progress p;
  if (bar->shown()) p.report = [bar](double f, std::string_view note) { bar->update(f, note); };
  if (interruptible) p.cancelled = interrupt_check();
  return p;
}

}  // namespace tftsr::cli
