#pragma once
// What the shell needs from a view shown in a tab. The shell makes one per open tab (through the
// factory registered for the tab's kind, see view_registry.h), draws it while its tab is selected,
// and lets go of it when the tab closes.
#include <string>

#include "app/gui/app_state.h"

namespace tftsr::gui {

class TabView {
 public:
  virtual ~TabView() = default;

  // The tab's label (the shell makes it unique for ImGui).
  virtual std::string title(const AppState& state) const = 0;
  // Draws the tab's content; the first draw is where a view starts loading.
  virtual void draw(AppState& state) = 0;
  // The user asks to close the tab (its close button, its menu, Ctrl+W). False keeps it open: the
  // view then shows why and offers to close it anyway (AppState::close_tab) or to keep it.
  virtual bool ready_to_close(AppState& state) { (void)state; return true; }
  // The tab was closed (by the user, or because what it shows was deleted); the view is destroyed
  // right after. The place to release what is shared beyond the view.
  virtual void on_close(AppState& state) { (void)state; }
  // Stops the view's background work: before its tab closes and before the store closes.
  virtual void cancel_jobs() {}
  // True when the tab shows the thing with this id or a part of it (a log of that incident, one of
  // its screenshots): deleting that thing closes the tab. The tab's own id always counts.
  virtual bool shows(const std::string& id) const { (void)id; return false; }
};

}  // namespace tftsr::gui
