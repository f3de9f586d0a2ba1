#pragma once
// The dashboard: open incidents, resolved in the last 7 days, open P1/P2, and the most recently
// updated incidents (a click opens one). The figures are counted on the worker pool (they scan the
// whole table); the last ones stay on screen until the new ones arrive.
#include <cstdint>
#include <string>

#include "app/gui/app_state.h"
#include "app/gui/tab_view.h"
#include "app/gui/view_jobs.h"

namespace tftsr::gui {

class DashboardView : public TabView {
 public:
  static constexpr const char* kKind = "dashboard";
  explicit DashboardView(AppState&) {}

  std::string title(const AppState&) const override { return "Dashboard"; }
  void draw(AppState& state) override;
  void cancel_jobs() override { jobs_.cancel(); }
  const DashboardStats& stats() const { return stats_; }
  bool loading() const { return loading_; }

 private:
  void refresh(AppState& state);
  std::uint64_t loaded_version_ = 0;
  bool loading_ = false;
  bool loaded_once_ = false;
  DashboardStats stats_;
  std::string error_;
  ViewJobs jobs_;
};

}  // namespace tftsr::gui
