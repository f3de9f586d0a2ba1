#include "app/gui/views/integration_links_panel.h"

#include <imgui.h>

#include "app/gui/ui_probe.h"
#include "core/integrations/oauth_client.h"

namespace tftsr::gui {

namespace {
using namespace integrations;
const ImVec4 kErrorColour(0.92f, 0.30f, 0.30f, 1.0f);

struct Loaded {
  std::vector<IntegrationLink> links;
  std::vector<Service> ticket_services;
};

ImVec4 status_colour(const std::string& status) {
  if (status == "done") return ImVec4(0.30f, 0.65f, 0.40f, 1.0f);
  if (status == "failed") return kErrorColour;
  return ImVec4(0.90f, 0.70f, 0.30f, 1.0f);  // pending
}
}  // namespace

void IntegrationLinksPanel::reload(AppState& state, const std::string& incident_id) {
  if (loading_ || loaded_version_ == state.data_version || state.rekey_running) return;
  loaded_version_ = state.data_version;
  loading_ = true;
  Triage* triage = state.triage.get();
  jobs_.run(
      state.pool, "Reading the pages and tickets",
      [triage, incident_id](JobContext&) {
        Loaded l;
        l.links = triage->integrations().links(incident_id);
        for (const auto& st : triage->integrations().statuses())
          if (st.service != Service::Confluence && st.configured && st.has_credential) l.ticket_services.push_back(st.service);
        return l;
      },
      [this](Loaded l) {
        loading_ = false;
        links_ = std::move(l.links);
        ticket_services_ = std::move(l.ticket_services);
        error_.clear();
      },
      [this](const JobFailure& f) {
        loading_ = false;
        if (f.kind != ErrorKind::Cancelled) error_ = f.message;
      });
}

void IntegrationLinksPanel::draw_create_button(AppState& state, const std::string& incident_id) {
  reload(state, incident_id);
  ImGui::BeginDisabled(ticket_services_.empty() || dialog_.is_open());
  if (ImGui::SmallButton("Create ticket…")) dialog_.open(state, incident_id, ticket_services_);
  ImGui::EndDisabled();
  probe::record("incident.create_ticket");
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip("%s", ticket_services_.empty()
                                ? "Set up ServiceNow or Azure DevOps first: File > Settings > Integrations"
                                : "A ServiceNow incident or an Azure DevOps work item from this incident");
}

void IntegrationLinksPanel::draw_dialog(AppState& state) { dialog_.draw(state); }

void IntegrationLinksPanel::draw(AppState& state, const std::string& incident_id) {
  reload(state, incident_id);
  draw_create_button(state, incident_id);
  if (!error_.empty()) ImGui::TextColored(kErrorColour, "%s", error_.c_str());
  if (links_.empty()) {
    ImGui::TextDisabled("Nothing published or ticketed yet. Publish an RCA or post-mortem from Documents; "
                        "create a ticket with the button above.");
    return;
  }
  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("##links", 5, kFlags)) return;
  ImGui::TableSetupColumn("Service", ImGuiTableColumnFlags_WidthFixed);
  ImGui::TableSetupColumn("What", ImGuiTableColumnFlags_WidthFixed);
  ImGui::TableSetupColumn("Key", ImGuiTableColumnFlags_WidthFixed);
  ImGui::TableSetupColumn("State", ImGuiTableColumnFlags_WidthFixed);
  ImGui::TableSetupColumn("Link");
  ImGui::TableHeadersRow();
  for (const IntegrationLink& l : links_) {
    ImGui::PushID(l.id.c_str());
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(service_name(l.service).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(l.kind == "page" ? "page" : "ticket");
    ImGui::TableNextColumn();
    const std::string key = l.remote_key.value_or(l.remote_id.value_or("—"));
    // Each publication of a page is a row of its own: the version tells them apart.
    ImGui::TextUnformatted(l.remote_version ? (key + " v" + std::to_string(*l.remote_version)).c_str() : key.c_str());
    probe::record("links.key:" + key);
    ImGui::TableNextColumn();
    ImGui::TextColored(status_colour(l.status), "%s", l.status.c_str());
    ImGui::TableNextColumn();
    if (l.url && !l.url->empty()) {
      // The buttons first: a long URL is cut at the table's edge.
      if (ImGui::SmallButton("Open")) open_in_system_browser(*l.url);
      probe::record("links.url:" + key);
      ImGui::SameLine();
      if (ImGui::SmallButton("Copy link")) ImGui::SetClipboardText(l.url->c_str());
      ImGui::SameLine();
      ImGui::TextDisabled("%s", l.url->c_str());
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", l.url->c_str());
    }
    if (l.status == "failed" && l.error) {
      ImGui::PushTextWrapPos(0.0f);
      ImGui::TextColored(kErrorColour, "%s", l.error->c_str());
      ImGui::PopTextWrapPos();
    }
    ImGui::PopID();
  }
  ImGui::EndTable();
}

}  // namespace tftsr::gui
