#pragma once
// Key/value settings. Keys starting with "crypto." are the store's own and never listed.
#include <string>

namespace tftsr {

// A row of `settings`.
struct Setting {
  std::string key;
  std::string value;
  std::string updated_at;
};

// Which PII types scans skip, as a list of type names ("Hostname,Ipv4"). Changed through
// settings().set_disabled_pii_types(), which audits the change.
inline constexpr const char* kDisabledPiiTypesSetting = "pii.disabled_types";

}  // namespace tftsr
