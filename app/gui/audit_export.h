#pragma once
// Audit details for reading. (Writing an export file is the core's: audit().export_to().)
#include <string>

namespace tftsr::gui {

// details JSON indented for reading; text that is not JSON comes back unchanged.
std::string pretty_json(const std::string& text);

}  // namespace tftsr::gui
