#include "core/domains.h"

#include <array>
#include <cctype>

namespace tftsr {

namespace {
constexpr std::array<Domain, 16> kDomains = {{
    {"linux", "Linux"},
    {"windows", "Windows"},
    {"network", "Network"},
    {"kubernetes", "Kubernetes"},
    {"databases", "Databases"},
    {"virtualization", "Virtualization"},
    {"hardware", "Hardware"},
    {"observability", "Observability"},
    {"telephony", "Telephony"},
    {"security_vault", "Security/Vault"},
    {"public_safety", "Public Safety"},
    {"application_jvm", "Application/JVM"},
    {"automation_cicd", "Automation/CI-CD"},
    {"hpe_infrastructure", "HPE infrastructure"},
    {"dell_hardware", "Dell hardware"},
    {"identity_access", "Identity & Access"},
}};

bool equal_ci(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}
}  // namespace

std::span<const Domain> all_domains() { return kDomains; }

std::optional<Domain> find_domain(std::string_view s) {
  for (const auto& d : kDomains)
    if (equal_ci(d.id, s) || equal_ci(d.name, s)) return d;
  return std::nullopt;
}

}  // namespace tftsr
