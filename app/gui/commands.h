#pragma once
// Every command of the workspace in one table: its key chord, its label, where it sits in the menu
// bar and whether the command palette offers it. The shortcuts, the menus, the palette and the help
// page are all drawn from this table; the shell says what each command does (Shell::run).
#include <string>
#include <vector>

namespace tftsr::gui {

enum class Command {
  NewIncident,
  AuditLog,
  Settings,
  CompactDatabase,
  Quit,
  FocusSearch,
  DeleteIncident,
  ChatWithAi,
  Dashboard,
  Notifications,
  CommandPalette,
  CloseTab,
  MoveTabToOtherPane,
  ToggleTheme,
  ToggleSidebar,
  ToggleInspector,
  Help,
};

struct KeyChord {
  int key = 0;  // a GLFW key code, the same the glfw backend (and the headless driver) set in io.KeysDown; 0: none
  bool ctrl = false;
  // "Ctrl+N", "F1"; empty without a chord.
  std::string text() const;
};

enum class Menu { None, File, Incident, View, Help };

struct CommandRow {
  Command id;
  const char* label;  // the same words in the menu, the palette and the help page
  KeyChord chord;
  Menu menu = Menu::None;
  bool separator_before = false;  // a line above it in its menu
  bool in_palette = true;
};

const std::vector<CommandRow>& command_table();
const CommandRow& command_row(Command id);
// The menus of the menu bar, left to right, and their titles.
const std::vector<Menu>& menu_bar();
const char* menu_title(Menu menu);

// The commands whose chord was pressed this frame.
std::vector<Command> pressed_commands();

}  // namespace tftsr::gui
