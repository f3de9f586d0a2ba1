#include "app/gui/views/dashboard_view.h"

#include <imgui.h>

#include "app/gui/theme.h"
#include "app/gui/ui_probe.h"

namespace tftsr::gui {

void DashboardView::refresh(AppState& state) {
  loaded_version_ = state.data_version;
  loading_ = true;
  Triage* triage = state.triage.get();
  const std::uint64_t version = loaded_version_;
  jobs_.run(
      state.pool, "Updating the dashboard",
      [triage](JobContext&) {
        auto stats = triage->incidents().dashboard(15);
        return stats;
      },
      [version, &state, this](auto stats) {
        if (version != loaded_version_) return;  // a newer refresh is on its way
        loading_ = false;
        loaded_once_ = true;
        error_.clear();
        for (auto& incident : stats.recent) state.incident_titles[incident.id] = incident.title;
        stats_ = std::move(stats);
      },
      [version, this](const JobFailure& f) {
        if (version != loaded_version_) return;
        loading_ = false;
        if (f.kind != ErrorKind::Cancelled) error_ = f.message;
      });
}

static void stat_card(const char* id, const char* label, std::int64_t value, ImVec4 colour, float width, ImFont* big) {
  ImGui::BeginChild(id, ImVec2(width, ImGui::GetFontSize() * 4.2f), true, ImGuiWindowFlags_NoScrollbar);
  ImGui::TextDisabled("%s", label);
  ImGui::PushFont(big);
  ImGui::TextColored(colour, "%lld", static_cast<long long>(value));
  ImGui::PopFont();
  ImGui::EndChild();
}

void DashboardView::draw(AppState& state) {
  if (!state.triage) return;
  if (loaded_version_ != state.data_version && !state.rekey_running) refresh(state);
  if (!error_.empty()) {
    ImGui::TextColored(ImVec4(0.92f, 0.30f, 0.30f, 1.0f), "Could not load the dashboard: %s", error_.c_str());
    return;
  }
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const float card = (ImGui::GetContentRegionAvail().x - 2 * spacing) / 3.0f;
  stat_card("##open", "Open incidents", stats_.open, ImVec4(0.95f, 0.55f, 0.25f, 1.0f), card, state.heading_font);
  probe::record("dashboard.open");
  ImGui::SameLine();
  stat_card("##resolved", "Resolved, last 7 days", stats_.resolved_last_7_days, ImVec4(0.30f, 0.75f, 0.40f, 1.0f),
            card, state.heading_font);
  probe::record("dashboard.resolved");
  ImGui::SameLine();
  stat_card("##p1p2", "Open P1 / P2", stats_.open_p1_p2, ImVec4(0.90f, 0.25f, 0.25f, 1.0f), card, state.heading_font);
  probe::record("dashboard.p1p2");

  ImGui::Spacing();
  ImGui::TextUnformatted("Recently updated");
  ImGui::Separator();
  if (stats_.recent.empty()) {
    ImGui::TextDisabled("%s", loaded_once_ ? "No incidents yet. Press Ctrl+N to create one." : "Loading…");
    return;
  }
  if (ImGui::BeginTable("##recent", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY)) {
    ImGui::TableSetupColumn("Title", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("Severity", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 4.5f);
    ImGui::TableSetupColumn("Status", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 7.0f);
    ImGui::TableSetupColumn("Updated", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 10.0f);
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableHeadersRow();
    for (const Incident& incident : stats_.recent) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::PushID(incident.id.c_str());
      if (ImGui::Selectable(incident.title.c_str(), state.selected_incident == incident.id,
                            ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap)) {
        state.requests.open_incident = incident.id;
      }
      probe::record("dashboard.recent:" + incident.title);
      ImGui::PopID();
      ImGui::TableNextColumn();
      ImGui::TextColored(severity_colour(incident.severity), "%s", incident.severity.c_str());
      ImGui::TableNextColumn();
      ImGui::TextColored(status_colour(incident.status), "%s", incident.status.c_str());
      ImGui::TableNextColumn();
      ImGui::TextDisabled("%s", incident.updated_at.c_str());
    }
    ImGui::EndTable();
  }
}

}  // namespace tftsr::gui
