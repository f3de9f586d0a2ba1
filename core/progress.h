#pragma once
// How a long core operation (import, scan, re-key) reports progress and learns it should stop,
// without knowing who runs it: the GUI adapts its worker jobs to this, the CLI passes nothing.
#include <functional>
#include <string_view>

#include "core/error.h"

namespace tftsr {

struct Progress {
  std::function<void(double fraction, std::string_view note)> report;  // fraction in [0, 1]
  std::function<bool()> cancelled;

  void update(double fraction, std::string_view note = {}) const {
    if (report) report(fraction, note);
  }
  void throw_if_cancelled() const {
    if (cancelled && cancelled()) throw Error(ErrorKind::Cancelled, "cancelled");
  }
};

}  // namespace tftsr
