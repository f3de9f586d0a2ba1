#include "app/gui/audit_export.h"

#include <nlohmann/json.hpp>

namespace tftsr::gui {

std::string pretty_json(const std::string& text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  return j.is_discarded() ? text : j.dump(2);
}

}  // namespace tftsr::gui
