#include "app/gui/views/log_findings_panel.h"

#include <algorithm>
#include <cmath>

#include "app/gui/ui_probe.h"
#include "core/pii/pii_type.h"


namespace tftsr::gui {

std::map<std::string, FindingCounts> count_findings_by_type(const std::vector<PiiSpan>& findings) {
  std::map<std::string, FindingCounts> counts;
  for (const PiiSpan& f : findings) {
    FindingCounts& c = counts[f.pii_type];
    (f.action == "keep" ? c.keep : c.redact) += 1;
  }
  return counts;
}

ImVec4 finding_type_colour(const std::string& pii_type) {
  // Hues a golden angle apart by the type's place in the detector's list: neighbouring types never
  // look alike. A name the detector does not know gets a hue from its hash.
  std::uint32_t key;
  if (auto type = pii::pii_type_from_name(pii_type)) {
    key = static_cast<std::uint32_t>(*type);
  } else {
    key = 2166136261u;
    for (unsigned char c : pii_type) key = (key ^ c) * 16777619u;
  }
  const float hue = std::fmod(0.58f + static_cast<float>(key % 1024u) * 0.618034f, 1.0f);
  ImVec4 c(0, 0, 0, 1.0f);
  ImGui::ColorConvertHSVtoRGB(hue, 0.55f, 0.95f, c.x, c.y, c.z);
  return c;
}

LogPanelPlacement place_log_findings_panel(bool shown, ImVec2 avail, float font_size, ImVec2 spacing) {
  if (!shown) return {LogPanelPlacement::Hidden, ImVec2(0, 0)};
  const float beside_width = font_size * 15.0f;
  if (avail.x >= font_size * 40.0f) return {LogPanelPlacement::Beside, ImVec2(avail.x - beside_width - spacing.x, 0)};
  // Below: about a third of the height, enough for a few types, never squeezing the text away.
  const float panel = std::clamp(avail.y * 0.33f, font_size * 6.0f, font_size * 14.0f);
  const float text = std::max(font_size * 4.0f, avail.y - panel - spacing.y);
  return {LogPanelPlacement::Below, ImVec2(0, text)};
}

std::optional<BulkFindingAction> draw_log_findings_panel(const std::map<std::string, FindingCounts>& counts,
                                                         bool scanned) {
  std::optional<BulkFindingAction> chosen;
  ImGui::TextUnformatted("Findings");
  ImGui::Separator();
  if (!scanned) {
    ImGui::TextDisabled("Not scanned yet.");
    return chosen;
  }
  if (counts.empty()) {
    ImGui::TextDisabled("No personal data or secrets found.");
    return chosen;
  }
  std::int64_t redact = 0, keep = 0;
  for (const auto& [type, c] : counts) redact += c.redact, keep += c.keep;
  ImGui::TextDisabled("%lld to redact, %lld kept", static_cast<long long>(redact), static_cast<long long>(keep));
  ImGui::Spacing();
  // Two lines per type: what and how many, then the bulk buttons; fits a narrow panel.
  const float swatch = ImGui::GetTextLineHeight();
  for (const auto& [type, c] : counts) {
    ImGui::PushID(type.c_str());
    ImGui::ColorButton("##colour", finding_type_colour(type), ImGuiColorEditFlags_NoTooltip, ImVec2(swatch, swatch));
    ImGui::SameLine();
    ImGui::TextUnformatted(type.c_str());
    const std::string tally = std::to_string(c.redact) + " / " + std::to_string(c.keep);
    ImGui::SameLine(std::max(ImGui::GetCursorPosX(), ImGui::GetContentRegionMax().x - ImGui::CalcTextSize(tally.c_str()).x));
    ImGui::TextDisabled("%s", tally.c_str());
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s to redact / kept", tally.c_str());
    ImGui::Indent(swatch + ImGui::GetStyle().ItemSpacing.x);
    ImGui::BeginDisabled(c.keep == 0);
    if (ImGui::SmallButton("Redact all")) chosen = BulkFindingAction{"redact", type};
    ImGui::EndDisabled();
    probe::record("log.type_redact:" + type);
    ImGui::SameLine();
    ImGui::BeginDisabled(c.redact == 0);
    if (ImGui::SmallButton("Keep all")) chosen = BulkFindingAction{"keep", type};
    ImGui::EndDisabled();
    probe::record("log.type_keep:" + type);
    ImGui::Unindent(swatch + ImGui::GetStyle().ItemSpacing.x);
    ImGui::Spacing();
    ImGui::PopID();
  }
  return chosen;
}

}  // namespace tftsr::gui
