#include "app/gui/theme.h"

#include <string>

namespace tftsr::gui {

void apply_theme(Theme theme, float content_scale) {
  ImGuiStyle style;
  if (theme == Theme::Light) {
    ImGui::StyleColorsLight(&style);
    style.Colors[ImGuiCol_WindowBg] = ImVec4(0.96f, 0.96f, 0.97f, 1.0f);
    style.Colors[ImGuiCol_ChildBg] = ImVec4(1.0f, 1.0f, 1.0f, 0.0f);
    style.Colors[ImGuiCol_MenuBarBg] = ImVec4(0.90f, 0.91f, 0.93f, 1.0f);
  } else {
    ImGui::StyleColorsDark(&style);
    style.Colors[ImGuiCol_WindowBg] = ImVec4(0.11f, 0.12f, 0.14f, 1.0f);
    style.Colors[ImGuiCol_ChildBg] = ImVec4(0.0f, 0.0f, 0.0f, 0.0f);
    style.Colors[ImGuiCol_MenuBarBg] = ImVec4(0.15f, 0.16f, 0.19f, 1.0f);
    style.Colors[ImGuiCol_Header] = ImVec4(0.22f, 0.36f, 0.58f, 0.55f);
  }
  style.WindowRounding = 0.0f;
  style.FrameRounding = 3.0f;
  style.PopupRounding = 4.0f;
  style.GrabRounding = 3.0f;
  style.TabRounding = 3.0f;
  style.WindowBorderSize = 0.0f;
  style.FramePadding = ImVec2(6.0f, 4.0f);
  style.ItemSpacing = ImVec2(8.0f, 6.0f);
  style.ScaleAllSizes(content_scale);
  ImGui::GetStyle() = style;
}

ImVec4 severity_colour(const std::string& severity) {
  if (severity == "P1") return ImVec4(0.90f, 0.25f, 0.25f, 1.0f);
  if (severity == "P2") return ImVec4(0.95f, 0.55f, 0.15f, 1.0f);
  if (severity == "P3") return ImVec4(0.85f, 0.75f, 0.20f, 1.0f);
  return ImVec4(0.45f, 0.65f, 0.85f, 1.0f);
}

ImVec4 text_colour_on(const ImVec4& background) {
  const float luminance = 0.2126f * background.x + 0.7152f * background.y + 0.0722f * background.z;
  return luminance > 0.45f ? ImVec4(0.05f, 0.05f, 0.07f, 1.0f) : ImVec4(0.97f, 0.97f, 0.98f, 1.0f);
}

ImVec4 secondary_text_colour(bool on_highlight) {
  // The disabled grey is too close to either theme's selection colour; on a highlight the
  // ordinary text colour, a little softened, keeps the line readable.
  if (!on_highlight) return ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled);
  ImVec4 c = ImGui::GetStyleColorVec4(ImGuiCol_Text);
  c.w *= 0.85f;
  return c;
}

ImVec4 status_colour(const std::string& status) {
  if (status == "open") return ImVec4(0.90f, 0.45f, 0.30f, 1.0f);
  if (status == "investigating") return ImVec4(0.85f, 0.70f, 0.20f, 1.0f);
  if (status == "resolved") return ImVec4(0.30f, 0.75f, 0.40f, 1.0f);
  return ImVec4(0.55f, 0.55f, 0.60f, 1.0f);
}

ImVec4 level_colour(patterns::LogLevel level) {
  using patterns::LogLevel;
  switch (level) {
    case LogLevel::Critical: return ImVec4(0.95f, 0.35f, 0.65f, 1.0f);
    case LogLevel::Error: return ImVec4(0.92f, 0.30f, 0.30f, 1.0f);  // the log view's error lines
    case LogLevel::Warning: return ImVec4(0.95f, 0.80f, 0.25f, 1.0f);
    case LogLevel::Notice: return ImVec4(0.45f, 0.65f, 0.85f, 1.0f);
    case LogLevel::Debug:
    case LogLevel::Trace: return ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled);
    default: return ImGui::GetStyleColorVec4(ImGuiCol_Text);
  }
}

}  // namespace tftsr::gui
