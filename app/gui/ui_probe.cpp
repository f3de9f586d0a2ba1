#include "app/gui/ui_probe.h"

#include <map>

namespace tftsr::gui::probe {
namespace {
bool g_enabled = false;
std::map<std::string, Item, std::less<>>& items() {
  static std::map<std::string, Item, std::less<>> m;
  return m;
}
}  // namespace

void set_enabled(bool enabled) { g_enabled = enabled; }
bool enabled() { return g_enabled; }
void clear() { items().clear(); }

void record(std::string_view key) {
  if (!g_enabled) return;
  Item item{std::string(key), ImGui::GetItemRectMin(), ImGui::GetItemRectMax()};
  items().insert_or_assign(std::string(key), std::move(item));
}

const Item* find(std::string_view key) {
  auto it = items().find(key);
  return it == items().end() ? nullptr : &it->second;
}

}  // namespace tftsr::gui::probe
