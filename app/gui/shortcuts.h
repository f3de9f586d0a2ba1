#pragma once
// The keyboard shortcuts, in one table that both the key handling and the help view read.
#include <string>
#include <vector>

namespace tftsr::gui {

enum class Command {
  NewIncident,
  FocusSearch,
  CloseTab,
  Settings,
  Help,
  CommandPalette,
  Dashboard,
  AuditLog,
  Notifications,
  DeleteIncident,
  ToggleTheme,
  MoveTabToOtherPane,
  Quit,
};

struct CommandInfo {
  Command command;
  const char* name;
  const char* shortcut;  // empty when there is none
};

const std::vector<CommandInfo>& all_commands();

// The command whose shortcut was pressed this frame, if any. Key indices are GLFW key codes, the
// same as the glfw backend (and the headless driver) store in io.KeysDown.
std::vector<Command> pressed_shortcuts();

}  // namespace tftsr::gui
