#pragma once
// Short human-readable figures for image captions.
#include <cstdint>
#include <string>

namespace tftsr::gui {

// "812 B", "245 KB", "3.4 MB".
std::string human_size(std::int64_t bytes);

}  // namespace tftsr::gui
