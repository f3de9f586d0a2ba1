#pragma once
// Every kind of tab the workspace can show, each with the factory that makes its view. Adding a
// view: a class implementing TabView with a static kKind name and a constructor taking
// (AppState&, const std::string& id) -- or (AppState&) for a view there is only one of -- and one
// line in the table in view_registry.cpp.
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include "app/gui/app_state.h"
#include "app/gui/tab_view.h"

namespace tftsr::gui {

using TabViewFactory = std::unique_ptr<TabView> (*)(AppState& state, const std::string& id);

struct TabKind {
  const char* name;     // Tab::kind, and the "kind" of a saved layout
  bool needs_id;        // one tab per incident, log or image; otherwise one tab in all
  TabViewFactory make;
};

// The table of view_registry.cpp.
const std::vector<TabKind>& tab_kinds();
// Null for a name nobody registered (a layout saved by another version, say).
const TabKind* find_tab_kind(const std::string& name);
// The view for a tab; null when its kind is unknown or it needs an id and has none.
std::unique_ptr<TabView> make_tab_view(AppState& state, const Tab& tab);

// The factory of a view class, for the table.
template <class View>
std::unique_ptr<TabView> make_view(AppState& state, const std::string& id) {
  if constexpr (std::is_constructible_v<View, AppState&, const std::string&>)
    return std::make_unique<View>(state, id);
  else
    return std::make_unique<View>(state);
}

}  // namespace tftsr::gui
