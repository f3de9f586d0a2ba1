#include "app/gui/app_state.h"

#include <imgui.h>

#include <algorithm>

namespace tftsr::gui {

void AppState::notify(NoticeLevel level, std::string title, std::string message) {
  double now = ImGui::GetCurrentContext() ? ImGui::GetTime() : 0.0;
  notifications.push(level, std::move(title), std::move(message), now);
}

void AppState::open_tab(const Tab& tab, PaneId where) {
  for (PaneId id : {PaneId::Centre, PaneId::Right}) {
    auto& p = pane(id);
    if (std::find(p.tabs.begin(), p.tabs.end(), tab) != p.tabs.end()) {
      p.focus = tab;
      focused_pane = id;
      return;
    }
  }
  auto& p = pane(where);
  p.tabs.push_back(tab);
  p.focus = tab;
  focused_pane = where;
}

void AppState::close_tab(const Tab& tab) {
  for (PaneId id : {PaneId::Centre, PaneId::Right}) {
    auto& p = pane(id);
    auto it = std::find(p.tabs.begin(), p.tabs.end(), tab);
    if (it == p.tabs.end()) continue;
    it = p.tabs.erase(it);
    if (p.active == tab) p.active.reset();
    if (!p.tabs.empty()) p.focus = it == p.tabs.end() ? p.tabs.back() : *it;
  }
}

void AppState::move_tab(const Tab& tab, PaneId to) {
  auto& dest = pane(to);
  if (std::find(dest.tabs.begin(), dest.tabs.end(), tab) != dest.tabs.end()) return;
  close_tab(tab);
  dest.tabs.push_back(tab);
  dest.focus = tab;
  focused_pane = to;
}

}  // namespace tftsr::gui
