#include "app/gui/views/help_view.h"

#include <imgui.h>

#include "app/gui/commands.h"
#include "app/gui/ui_probe.h"

namespace tftsr::gui {

void HelpView::draw(AppState&) {
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(
      "TFTSR keeps your incidents, logs and screenshots in an encrypted database, finds personal data and "
      "secrets before anything leaves the machine, and walks you through a 5-Whys root-cause analysis.");
  ImGui::TextDisabled("Drop files on the window to attach them to the incident you are looking at.");
  ImGui::TextDisabled("Drag a tab onto the other pane's tab bar to move it there.");
  ImGui::PopTextWrapPos();
  ImGui::Spacing();
  if (ImGui::BeginTable("##shortcuts", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) {
    ImGui::TableSetupColumn("Shortcut", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 8.0f);
    ImGui::TableSetupColumn("Action");
    ImGui::TableHeadersRow();
    for (const CommandRow& c : command_table()) {
      const std::string chord = c.chord.text();
      if (chord.empty()) continue;
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(chord.c_str());
      probe::record("help.chord:" + chord);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(c.label);
    }
    ImGui::EndTable();
  }
}

}  // namespace tftsr::gui
