#include "app/gui/widgets/splitter.h"

#include <imgui.h>

#include <algorithm>

namespace tftsr::gui {

bool vertical_splitter(const char* id, float* size, float min_size, float max_size, float height, bool grow_left) {
  const float thickness = 6.0f;
  ImGui::InvisibleButton(id, ImVec2(thickness, height));
  bool active = ImGui::IsItemActive();
  if (ImGui::IsItemHovered() || active) ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeEW);
  ImU32 colour = ImGui::GetColorU32(active ? ImGuiCol_SeparatorActive
                                           : (ImGui::IsItemHovered() ? ImGuiCol_SeparatorHovered : ImGuiCol_Separator));
  ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  float mid = (a.x + b.x) * 0.5f;
  ImGui::GetWindowDrawList()->AddLine(ImVec2(mid, a.y), ImVec2(mid, b.y), colour, active ? 2.0f : 1.0f);
  if (active) {
    float delta = ImGui::GetIO().MouseDelta.x;
    *size = std::clamp(*size + (grow_left ? delta : -delta), min_size, std::max(min_size, max_size));
  }
  return active;
}

}  // namespace tftsr::gui
