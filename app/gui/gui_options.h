#pragma once
// Command-line options of the desktop front end, parsed apart from the window so they are testable.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace tftsr::gui {

struct GuiOptions {
  std::optional<std::filesystem::path> data_dir;
  std::optional<std::filesystem::path> screenshot;  // render, save a PNG of the window, exit
  std::optional<int> frames;                         // quit after this many frames
  bool help = false;
  std::vector<std::filesystem::path> files;  // offered for import into an incident once unlocked
};

// Throws tftsr::Error(InvalidInput) naming the offending argument, or a FILE that does not exist.
GuiOptions parse_gui_options(int argc, char** argv);

const char* gui_usage();

}  // namespace tftsr::gui
