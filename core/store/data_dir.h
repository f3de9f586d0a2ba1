#pragma once
#include <filesystem>

namespace tftsr {

// Where TFTSR keeps its database: $TFTSR_DATA_DIR, else $XDG_DATA_HOME/tftsr, else
// ~/.local/share/tftsr.
std::filesystem::path default_data_dir();

// Creates the directory (and parents) if missing, restricted to the owner (0700).
void ensure_private_dir(const std::filesystem::path& dir);

inline constexpr const char* kDatabaseFileName = "tftsr.db";

}  // namespace tftsr
