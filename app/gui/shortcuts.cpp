#include "app/gui/shortcuts.h"

#include <GLFW/glfw3.h>
#include <imgui.h>

namespace tftsr::gui {

const std::vector<CommandInfo>& all_commands() {
  static const std::vector<CommandInfo> commands = {
      {Command::NewIncident, "New incident", "Ctrl+N"},
      {Command::FocusSearch, "Search incidents", "Ctrl+F"},
      {Command::CloseTab, "Close tab", "Ctrl+W"},
      {Command::Settings, "Settings", "Ctrl+,"},
      {Command::Help, "Help and shortcuts", "F1"},
      {Command::CommandPalette, "Command palette", "Ctrl+K"},
      {Command::Dashboard, "Dashboard", "Ctrl+D"},
      {Command::AuditLog, "Audit log", ""},
      {Command::Notifications, "Notifications", ""},
      {Command::DeleteIncident, "Delete the selected incident", ""},
      {Command::ToggleTheme, "Switch dark / light theme", ""},
      {Command::MoveTabToOtherPane, "Move the tab to the other pane", ""},
      {Command::Quit, "Quit", "Ctrl+Q"},
  };
  return commands;
}

std::vector<Command> pressed_shortcuts() {
  const ImGuiIO& io = ImGui::GetIO();
  std::vector<Command> out;
  const bool ctrl = io.KeyCtrl && !io.KeyAlt;
  auto pressed = [](int key) { return ImGui::IsKeyPressed(key, false); };
  if (ctrl && pressed(GLFW_KEY_N)) out.push_back(Command::NewIncident);
  if (ctrl && pressed(GLFW_KEY_F)) out.push_back(Command::FocusSearch);
  if (ctrl && pressed(GLFW_KEY_W)) out.push_back(Command::CloseTab);
  if (ctrl && pressed(GLFW_KEY_COMMA)) out.push_back(Command::Settings);
  if (ctrl && pressed(GLFW_KEY_K)) out.push_back(Command::CommandPalette);
  if (ctrl && pressed(GLFW_KEY_D)) out.push_back(Command::Dashboard);
  if (ctrl && pressed(GLFW_KEY_Q)) out.push_back(Command::Quit);
  if (!io.KeyCtrl && pressed(GLFW_KEY_F1)) out.push_back(Command::Help);
  return out;
}

}  // namespace tftsr::gui
