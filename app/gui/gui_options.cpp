#include "app/gui/gui_options.h"

#include <charconv>
#include <string_view>

#include "core/error.h"

namespace tftsr::gui {

const char* gui_usage() {
  return "Usage: tftsr [--data-dir DIR] [--screenshot OUT.png] [--frames N] [FILE...]\n"
         "\n"
         "Starts the desktop application.\n"
         "  FILE...              log files and screenshots to import: the program asks whether\n"
         "                       they go into a new incident or an existing one\n"
         "  --data-dir DIR       where the encrypted database lives (default: $TFTSR_DATA_DIR,\n"
         "                       else $XDG_DATA_HOME/tftsr, else ~/.local/share/tftsr)\n"
         "  --screenshot FILE    render the first frames (after unlocking when TFTSR_DB_KEY is set),\n"
         "                       save the window as a PNG and exit\n"
         "  --frames N           quit after N frames\n"
         "  --help               show this text\n"
         "\n"
         "TFTSR_DB_KEY, when set, is used as the passphrase and skips the unlock screen.\n";
}

GuiOptions parse_gui_options(int argc, char** argv) {
  GuiOptions options;
  bool options_ended = false;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (options_ended || !arg.starts_with("-") || arg == "-") {
      std::error_code ec;
      const std::filesystem::path file(argv[i]);
      if (!std::filesystem::is_regular_file(file, ec))
        throw Error(ErrorKind::InvalidInput, "'" + std::string(arg) + "' is not a file that can be opened.");
      options.files.push_back(std::filesystem::absolute(file, ec));
      continue;
    }
    if (arg == "--") {
      options_ended = true;
      continue;
    }
    std::string_view value;
    bool inline_value = false;
    if (auto eq = arg.find('='); arg.starts_with("--") && eq != std::string_view::npos) {
      value = arg.substr(eq + 1);
      arg = arg.substr(0, eq);
      inline_value = true;
    }
    auto take_value = [&]() -> std::string_view {
      if (inline_value) return value;
      if (i + 1 >= argc) throw Error(ErrorKind::InvalidInput, std::string(arg) + " needs a value.");
      return argv[++i];
    };
    if (arg == "--help" || arg == "-h") {
      options.help = true;
    } else if (arg == "--data-dir") {
      auto v = take_value();
      if (v.empty()) throw Error(ErrorKind::InvalidInput, "--data-dir needs a directory.");
      options.data_dir = std::filesystem::path(std::string(v));
    } else if (arg == "--screenshot") {
      auto v = take_value();
      if (v.empty()) throw Error(ErrorKind::InvalidInput, "--screenshot needs a file name.");
      options.screenshot = std::filesystem::path(std::string(v));
    } else if (arg == "--frames") {
      auto v = take_value();
      int n = 0;
      auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
      if (ec != std::errc() || end != v.data() + v.size() || n <= 0)
        throw Error(ErrorKind::InvalidInput, "--frames needs a positive whole number, not '" + std::string(v) + "'.");
      options.frames = n;
    } else {
      throw Error(ErrorKind::InvalidInput, "Unknown option '" + std::string(arg) + "'. Try --help.");
    }
  }
  return options;
}

}  // namespace tftsr::gui
