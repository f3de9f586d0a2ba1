#pragma once
// What a running line filter shares between its worker and the log view: the matching lines
// found so far, appended by the worker after each chunk it reads and taken by the frame, which
// shows them while the filter goes on. Neither side waits on the other for longer than a move.
#include <mutex>
#include <utility>
#include <vector>

#include "core/logs/line_filter.h"

namespace tftsr::gui {

class FilterFeed {
 public:
  // Worker side.
  void put(std::vector<FilteredLine>&& batch) {
    std::lock_guard lock(mutex_);
    if (lines_.empty()) {
      lines_ = std::move(batch);
    } else {
      for (FilteredLine& l : batch) lines_.push_back(std::move(l));
    }
  }
  // UI side: the lines that arrived since the last call, in line order.
  std::vector<FilteredLine> take() {
    std::lock_guard lock(mutex_);
    return std::exchange(lines_, {});
  }

 private:
  std::mutex mutex_;
  std::vector<FilteredLine> lines_;
};

}  // namespace tftsr::gui
