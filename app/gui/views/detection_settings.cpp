#include "app/gui/views/detection_settings.h"

#include <imgui.h>

#include <algorithm>

#include "app/gui/ui_probe.h"
#include "core/error.h"

namespace tftsr::gui {

void DetectionSettings::load(AppState& state) {
  loaded_version_ = state.data_version;
  try {
    enabled_ = pii::all_pii_types() & ~state.triage->settings().disabled_pii_types();
    error_.clear();
  } catch (const Error& e) {
    error_ = e.what();
  }
}

void DetectionSettings::save(AppState& state) {
  try {
    state.triage->settings().set_disabled_pii_types(pii::all_pii_types() & ~enabled_);
    error_.clear();
    state.changed();
    loaded_version_ = state.data_version;
  } catch (const Error& e) {
    error_ = e.what();
  }
}

void DetectionSettings::draw(AppState& state) {
  ImGui::TextUnformatted("Detection");
  ImGui::Separator();
  if (!state.triage) return;
  if (loaded_version_ != state.data_version) load(state);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled("What scans look for. A type turned off is neither highlighted nor redacted; the next scan of "
                      "each log uses this choice.");
  ImGui::PopTextWrapPos();
  const float column = ImGui::GetFontSize() * 11;
  const int per_row = std::max(1, static_cast<int>(ImGui::GetContentRegionAvail().x / column));
  bool changed = false;
  for (std::size_t i = 0; i < pii::kPiiTypeCount; ++i) {
    const auto type = static_cast<pii::PiiType>(i);
    const std::string name(pii::pii_type_name(type));
    if (i % static_cast<std::size_t>(per_row) != 0) ImGui::SameLine(column * static_cast<float>(i % per_row));
    bool on = enabled_.test(i);
    if (ImGui::Checkbox(name.c_str(), &on)) {
      enabled_.set(i, on);
      changed = true;
    }
    probe::record("settings.pii:" + name);
  }
  if (changed) save(state);
  if (!error_.empty()) ImGui::TextColored(ImVec4(0.92f, 0.30f, 0.30f, 1.0f), "%s", error_.c_str());
}

}  // namespace tftsr::gui
