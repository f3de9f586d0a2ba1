#pragma once
// Imports log files into an incident on the worker pool, one job per file, with progress in the
// status bar and a notice when each one is done.
#include <filesystem>
#include <string>
#include <vector>

#include "app/gui/app_state.h"

namespace tftsr::gui {

void import_logs(AppState& state, const std::string& incident_id, const std::vector<std::filesystem::path>& files);

}  // namespace tftsr::gui
