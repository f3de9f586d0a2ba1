#include "app/gui/views/log_views.h"

namespace tftsr::gui {

void LogViews::draw(AppState& state, const std::string& log_id) {
  auto& view = views_[log_id];
  if (!view) view = std::make_shared<LogView>(log_id);
  view->draw(state);
}

void LogViews::forget(AppState& state, const std::string& log_id) {
  auto it = views_.find(log_id);
  if (it == views_.end()) return;
  it->second->cancel_jobs(state.pool);
  views_.erase(it);
}

LogView* LogViews::find(const std::string& log_id) {
  auto it = views_.find(log_id);
  return it == views_.end() ? nullptr : it->second.get();
}

std::string LogViews::title(const std::string& log_id) const {
  auto it = views_.find(log_id);
  return it == views_.end() ? "Log" : it->second->title();
}

}  // namespace tftsr::gui
