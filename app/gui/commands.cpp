#include "app/gui/commands.h"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <stdexcept>

namespace tftsr::gui {

std::string KeyChord::text() const {
  if (key == 0) return {};
  std::string name;
  if (key >= GLFW_KEY_A && key <= GLFW_KEY_Z)
    name = std::string(1, static_cast<char>('A' + (key - GLFW_KEY_A)));
  else if (key >= GLFW_KEY_F1 && key <= GLFW_KEY_F12)
    name = "F" + std::to_string(key - GLFW_KEY_F1 + 1);
  else if (key == GLFW_KEY_COMMA)
    name = ",";
  else
    name = "key " + std::to_string(key);
  return ctrl ? "Ctrl+" + name : name;
}

const std::vector<CommandRow>& command_table() {
  static const std::vector<CommandRow> rows = {
      {Command::NewIncident, "New incident", {GLFW_KEY_N, true}, Menu::File},
      {Command::AuditLog, "Audit log", {}, Menu::File},
      {Command::Settings, "Settings", {GLFW_KEY_COMMA, true}, Menu::File, true},
      {Command::CompactDatabase, "Compact the database", {}, Menu::File, true},
      {Command::Quit, "Quit", {GLFW_KEY_Q, true}, Menu::File, true},
      {Command::FocusSearch, "Search incidents", {GLFW_KEY_F, true}, Menu::Incident},
      {Command::DeleteIncident, "Delete the selected incident…", {}, Menu::Incident},
      {Command::ChatWithAi, "Chat with AI about this incident", {}, Menu::Incident},
      {Command::Dashboard, "Dashboard", {GLFW_KEY_D, true}, Menu::View},
      {Command::Notifications, "Notifications", {}, Menu::View},
      {Command::CommandPalette, "Command palette", {GLFW_KEY_K, true}, Menu::View},
      {Command::CloseTab, "Close tab", {GLFW_KEY_W, true}, Menu::View, true},
      {Command::MoveTabToOtherPane, "Move the tab to the other pane", {}, Menu::View},
      {Command::ToggleTheme, "Switch dark / light theme", {}, Menu::View, true},
      {Command::ToggleSidebar, "Show / hide the incident list", {GLFW_KEY_B, true}, Menu::View, true},
      {Command::ToggleInspector, "Show / hide the right pane", {GLFW_KEY_I, true}, Menu::View},
      {Command::Help, "Help and shortcuts", {GLFW_KEY_F1, false}, Menu::Help},
  };
  return rows;
}

const CommandRow& command_row(Command id) {
  for (const CommandRow& row : command_table())
    if (row.id == id) return row;
  throw std::logic_error("a command without a row in the command table");
}

const std::vector<Menu>& menu_bar() {
  static const std::vector<Menu> menus = {Menu::File, Menu::Incident, Menu::View, Menu::Help};
  return menus;
}

const char* menu_title(Menu menu) {
  switch (menu) {
    case Menu::File: return "File";
    case Menu::Incident: return "Incident";
    case Menu::View: return "View";
    case Menu::Help: return "Help";
    case Menu::None: break;
  }
  return "";
}

std::vector<Command> pressed_commands() {
  const ImGuiIO& io = ImGui::GetIO();
  std::vector<Command> out;
  for (const CommandRow& row : command_table()) {
    if (row.chord.key == 0 || !ImGui::IsKeyPressed(row.chord.key, false)) continue;
    const bool modifiers = row.chord.ctrl ? io.KeyCtrl && !io.KeyAlt : !io.KeyCtrl;
    if (modifiers) out.push_back(row.id);
  }
  return out;
}

}  // namespace tftsr::gui
