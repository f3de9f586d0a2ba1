#pragma once
// The open log tabs: one LogView per log id, created when its tab is first drawn and dropped
// (with its background work cancelled) when the tab closes.
#include <map>
#include <memory>
#include <string>

#include "app/gui/views/log_view.h"

namespace tftsr::gui {

class LogViews {
 public:
  void draw(AppState& state, const std::string& log_id);
  void forget(AppState& state, const std::string& log_id);
  // The view of a log, or null when its tab was never drawn.
  LogView* find(const std::string& log_id);
  std::string title(const std::string& log_id) const;

 private:
  std::map<std::string, std::shared_ptr<LogView>> views_;
};

}  // namespace tftsr::gui
