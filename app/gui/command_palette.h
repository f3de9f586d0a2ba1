#pragma once
// The command palette (Ctrl+K): type to filter the commands, Enter runs the highlighted one.
#include <optional>
#include <string>

#include "app/gui/commands.h"

namespace tftsr::gui {

class CommandPalette {
 public:
  void open();
  // Draws the palette while open; returns the command the user picked, once.
  std::optional<Command> draw();
  bool is_open() const { return open_; }

 private:
  bool open_ = false;
  bool request_open_ = false;
  std::string query_;
  int highlighted_ = 0;
};

// Case-insensitive "every word of the query appears in the name".
bool command_matches(const std::string& name, const std::string& query);

}  // namespace tftsr::gui
