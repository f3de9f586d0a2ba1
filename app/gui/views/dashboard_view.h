#pragma once
// The dashboard: open incidents, resolved in the last 7 days, open P1/P2, and the most recently
// updated incidents (a click opens one). The figures are counted on the worker pool (they scan the
// whole table); the last ones stay on screen until the new ones arrive.
#include <cstdint>
#include <string>

#include "app/gui/app_state.h"

namespace tftsr::gui {

class DashboardView {
 public:
  void draw(AppState& state);
  const DashboardStats& stats() const { return stats_; }
  bool loading() const { return loading_; }

 private:
  void refresh(AppState& state);
  std::uint64_t loaded_version_ = 0;
  bool loading_ = false;
  bool loaded_once_ = false;
  DashboardStats stats_;
  std::string error_;
};

}  // namespace tftsr::gui
