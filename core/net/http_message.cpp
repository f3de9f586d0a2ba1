#include "core/net/http_message.h"

#include <strings.h>

namespace tftsr::net {

std::optional<std::string> HttpHeaders::get(std::string_view name) const {
  for (const auto& [n, v] : fields_)
    if (n.size() == name.size() && strncasecmp(n.data(), name.data(), n.size()) == 0) return v;
  return std::nullopt;
}

}  // namespace tftsr::net
