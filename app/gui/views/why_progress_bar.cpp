#include "app/gui/views/why_progress_bar.h"

#include <imgui.h>

#include <string>

#include "app/gui/ui_probe.h"

namespace tftsr::gui {

namespace {
const ImVec4 kDone(0.30f, 0.65f, 0.40f, 1.0f);
const ImVec4 kCurrent(0.26f, 0.52f, 0.90f, 1.0f);
}  // namespace

std::optional<int> draw_why_progress(const WhyState& state, bool enabled) {
  std::optional<int> clicked;
  const bool complete = state.complete();
  ImGui::BeginDisabled(!enabled);
  for (int level = 1; level <= 5; ++level) {
    const bool done = complete || level < state.level;
    const bool current = !complete && level == state.level;
    const int colours = done || current ? 3 : 0;
    if (colours) {
      const ImVec4 c = done ? kDone : kCurrent;
      ImGui::PushStyleColor(ImGuiCol_Button, c);
      ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(c.x * 1.15f, c.y * 1.15f, c.z * 1.15f, 1.0f));
      ImGui::PushStyleColor(ImGuiCol_ButtonActive, c);
    }
    const std::string label = (done ? "✓ Why " : "Why ") + std::to_string(level);
    if (ImGui::Button((label + "##why" + std::to_string(level)).c_str()) && level != state.level) clicked = level;
    probe::record("chat.why:" + std::to_string(level));
    if (colours) ImGui::PopStyleColor(colours);
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip(current ? "The why being worked on" : done ? "Answered; click to go back to it" : "Click to move ahead to it");
    ImGui::SameLine(0.0f, 2.0f);
    ImGui::TextDisabled("›");
    ImGui::SameLine(0.0f, 2.0f);
  }
  ImGui::EndDisabled();
  if (complete) {
    ImGui::PushStyleColor(ImGuiCol_Button, kDone);
    ImGui::Button("Root cause found");
    ImGui::PopStyleColor();
    if (ImGui::IsItemHovered()) {
      ImGui::BeginTooltip();
      ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30.0f);
      ImGui::TextUnformatted(state.root_cause.c_str());
      ImGui::PopTextWrapPos();
      ImGui::EndTooltip();
    }
  } else {
    ImGui::BeginDisabled();
    ImGui::Button("Root cause");
    ImGui::EndDisabled();
  }
  probe::record("chat.root_cause");
  return clicked;
}

}  // namespace tftsr::gui
