#pragma once
// The 16 IT domains an incident can belong to (the `category` column holds the id).
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace tftsr {

struct Domain {
  std::string_view id;    // stored in issues.category
  std::string_view name;  // shown to people
};

std::span<const Domain> all_domains();
// Accepts an id or a display name, case-insensitively; nullopt when it names no domain.
std::optional<Domain> find_domain(std::string_view id_or_name);

}  // namespace tftsr
