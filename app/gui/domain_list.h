#pragma once
// The 16 IT domains as the views need them: display names for combos, ids for the store.
#include <optional>
#include <string>
#include <vector>

#include "core/domains.h"

namespace tftsr::gui {

// Display names, in the order the core lists the domains (for combo boxes).
const std::vector<const char*>& domain_names();
// The id stored in issues.category for the i-th name.
std::string domain_id(int index);
// Index of a stored category in domain_names(), or -1.
int domain_index(const std::optional<std::string>& category);
// What to show for a stored category: the domain's name, else the raw text, else "(not set)".
std::string domain_label(const std::optional<std::string>& category);

}  // namespace tftsr::gui
