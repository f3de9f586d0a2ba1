#pragma once
// Where the database lives when --data-dir is not given: the same rule as the command line.
#include <filesystem>

namespace tftsr::gui {

std::filesystem::path resolve_data_dir();

}  // namespace tftsr::gui
