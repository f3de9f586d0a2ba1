#include "app/gui/widgets/flow_layout.h"

#include <imgui.h>

namespace tftsr::gui {

void same_line_if_fits(float width, float spacing) {
  const float gap = spacing < 0.0f ? ImGui::GetStyle().ItemSpacing.x : spacing;
  const float right_edge = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  if (ImGui::GetItemRectMax().x + gap + width <= right_edge) ImGui::SameLine(0.0f, gap);
}

float button_width(const char* label) {
  return ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2.0f;
}

}  // namespace tftsr::gui
