#include "app/gui/widgets/spinner.h"

#include <imgui.h>

#include <cmath>

namespace tftsr::gui {

void spinner(float radius) {
  ImVec2 pos = ImGui::GetCursorScreenPos();
  float thickness = radius * 0.25f;
  ImGui::Dummy(ImVec2(radius * 2.0f, radius * 2.0f));
  ImVec2 centre(pos.x + radius, pos.y + radius);
  float t = static_cast<float>(ImGui::GetTime());
  float start = t * 6.0f;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->PathClear();
  const int segments = 24;
  for (int i = 0; i <= segments; ++i) {
    float a = start + (static_cast<float>(i) / segments) * 4.4f;
    dl->PathLineTo(ImVec2(centre.x + std::cos(a) * (radius - thickness), centre.y + std::sin(a) * (radius - thickness)));
  }
  dl->PathStroke(ImGui::GetColorU32(ImGuiCol_ButtonActive), 0, thickness);
}

}  // namespace tftsr::gui
