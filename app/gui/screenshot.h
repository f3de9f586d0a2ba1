#pragma once
// Saves what the current GL framebuffer shows as a PNG (used by --screenshot).
#include <filesystem>

namespace tftsr::gui {

// Reads width x height pixels from the back buffer; throws tftsr::Error(Io) when the file cannot
// be written.
void save_framebuffer_png(const std::filesystem::path& file, int width, int height);

}  // namespace tftsr::gui
