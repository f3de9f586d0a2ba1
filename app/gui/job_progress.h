#pragma once
// Lets a core operation that takes a tftsr::Progress report into, and be cancelled through, the
// worker job running it.
#include "core/jobs/worker_pool.h"
#include "core/progress.h"

namespace tftsr::gui {

inline Progress progress_of(JobContext& ctx) {
  Progress p;
  p.report = [&ctx](double fraction, std::string_view note) { ctx.report(fraction, std::string(note)); };
  p.cancelled = [&ctx] { return ctx.cancelled(); };
  return p;
}

}  // namespace tftsr::gui
