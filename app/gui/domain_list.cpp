#include "app/gui/domain_list.h"

namespace tftsr::gui {

namespace {
// The core's names are string_views into static storage; keep NUL-terminated copies for ImGui.
const std::vector<std::string>& name_storage() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const Domain& d : all_domains()) out.emplace_back(d.name);
    return out;
  }();
  return names;
}
}  // namespace

const std::vector<const char*>& domain_names() {
  static const std::vector<const char*> names = [] {
    std::vector<const char*> out;
    for (const std::string& n : name_storage()) out.push_back(n.c_str());
    return out;
  }();
  return names;
}

std::string domain_id(int index) {
  auto domains = all_domains();
  if (index < 0 || static_cast<std::size_t>(index) >= domains.size()) return {};
  return std::string(domains[static_cast<std::size_t>(index)].id);
}

int domain_index(const std::optional<std::string>& category) {
  if (!category) return -1;
  auto domains = all_domains();
  for (std::size_t i = 0; i < domains.size(); ++i)
    if (domains[i].id == *category) return static_cast<int>(i);
  if (auto d = find_domain(*category)) return domain_index(std::string(d->id));
  return -1;
}

std::string domain_label(const std::optional<std::string>& category) {
  int i = domain_index(category);
  if (i >= 0) return name_storage()[static_cast<std::size_t>(i)];
  return category.value_or("(not set)");
}

}  // namespace tftsr::gui
