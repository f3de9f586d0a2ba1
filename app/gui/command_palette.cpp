#include "app/gui/command_palette.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cctype>
#include <sstream>

#include "app/gui/ui_probe.h"

namespace tftsr::gui {

bool command_matches(const std::string& name, const std::string& query) {
  auto lower = [](std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
  };
  std::string haystack = lower(name);
  std::istringstream words(lower(query));
  std::string word;
  while (words >> word)
    if (haystack.find(word) == std::string::npos) return false;
  return true;
}

void CommandPalette::open() {
  request_open_ = true;
  query_.clear();
  highlighted_ = 0;
}

std::optional<Command> CommandPalette::draw() {
  const char* id = "##command_palette";
  if (request_open_) {
    ImGui::OpenPopup(id);
    request_open_ = false;
  }
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(vp->GetCenter().x, vp->WorkPos.y + vp->WorkSize.y * 0.15f), ImGuiCond_Always,
                          ImVec2(0.5f, 0.0f));
  ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 30.0f, 0));
  open_ = ImGui::BeginPopup(id);
  if (!open_) return std::nullopt;
  std::optional<Command> chosen;
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  ImGui::SetNextItemWidth(-1);
  bool enter = ImGui::InputTextWithHint("##query", "Type a command", &query_, ImGuiInputTextFlags_EnterReturnsTrue);
  probe::record("palette.query");
  if (ImGui::IsItemEdited()) highlighted_ = 0;
  std::vector<const CommandRow*> matches;
  for (const CommandRow& c : command_table())
    if (c.in_palette && command_matches(c.label, query_)) matches.push_back(&c);
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_DownArrow))) highlighted_++;
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_UpArrow))) highlighted_--;
  highlighted_ = matches.empty() ? 0 : std::clamp(highlighted_, 0, static_cast<int>(matches.size()) - 1);
  for (int i = 0; i < static_cast<int>(matches.size()); ++i) {
    if (ImGui::Selectable(matches[i]->label, i == highlighted_)) chosen = matches[i]->id;
    probe::record(std::string("palette.command:") + matches[i]->label);
    const std::string chord = matches[i]->chord.text();
    if (!chord.empty()) {
      ImGui::SameLine(ImGui::GetContentRegionMax().x - ImGui::CalcTextSize(chord.c_str()).x);
      ImGui::TextDisabled("%s", chord.c_str());
    }
  }
  if (matches.empty()) ImGui::TextDisabled("No command matches.");
  if (enter && !matches.empty()) chosen = matches[static_cast<std::size_t>(highlighted_)]->id;
  if (chosen || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
  return chosen;
}

}  // namespace tftsr::gui
