#include "app/gui/views/new_incident_dialog.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include "app/gui/domain_list.h"
#include "app/gui/job_progress.h"
#include "app/gui/ui_probe.h"
#include "app/gui/views/incident_view.h"
#include "app/gui/widgets/wrapped_text_input.h"

namespace tftsr::gui {

namespace {
constexpr const char* kPopup = "New incident";
}

void NewIncidentDialog::open() {
  request_open_ = true;
  focus_title_ = true;
  title_.clear();
  description_.clear();
  severity_ = 2;
  domain_ = -1;
  error_.clear();
}

void NewIncidentDialog::create(AppState& state) {
  if (title_.find_first_not_of(" \t") == std::string::npos) {
    error_ = "The title cannot be empty.";
    focus_title_ = true;
    return;
  }
  NewIncident in;
  in.title = title_;
  in.severity = kSeverities[severity_];
  if (domain_ >= 0) in.category = domain_id(domain_);
  if (!description_.empty()) in.description = description_;
  try {
    Incident created = state.triage->incidents().create(in);
    state.incident_titles[created.id] = created.title;
    state.selected_incident = created.id;
    state.open_tab({IncidentView::kKind, created.id});
    state.changed();
    state.notify(NoticeLevel::Success, "Incident created", created.title);
    if (auto_tickets_) create_automatic_tickets(state, created.id);
    open_ = false;
    ImGui::CloseCurrentPopup();
  } catch (const Error& e) {
    error_ = e.what();
  }
}

// On the pool: the services set to auto-create answer over the network, after the dialog closed.
void NewIncidentDialog::create_automatic_tickets(AppState& state, const std::string& incident_id) {
  Triage* triage = state.triage.get();
  jobs_.run(
      state.pool, "Creating the incident's tickets",
      [triage, incident_id](JobContext& ctx) {
        return triage->integrations().create_automatic_tickets(incident_id, progress_of(ctx));
      },
      [&state](std::vector<integrations::AutomaticTicket> tickets) {
        for (const auto& t : tickets) {
          const std::string service = integrations::service_name(t.service);
          if (t.created)
            state.notify(NoticeLevel::Success, service + " ticket " + t.created->ticket.key + " created",
                         t.created->ticket.url);
          else
            state.notify(NoticeLevel::Error, "No " + service + " ticket was created", t.error);
        }
        state.changed();
      });
}

void NewIncidentDialog::draw(AppState& state) {
  if (request_open_) {
    ImGui::OpenPopup(kPopup);
    request_open_ = false;
    open_ = true;
    auto_tickets_ = state.triage && state.triage->integrations().creates_tickets_automatically();
  }
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 34.0f, 0), ImGuiCond_Appearing);
  bool keep_open = true;
  if (!ImGui::BeginPopupModal(kPopup, &keep_open, ImGuiWindowFlags_NoSavedSettings)) {
    open_ = false;
    return;
  }
  if (!state.triage) {
    ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
    return;
  }
  ImGui::TextUnformatted("Title");
  if (focus_title_) {
    ImGui::SetKeyboardFocusHere();
    focus_title_ = false;
  }
  ImGui::SetNextItemWidth(-1);
  bool enter = ImGui::InputTextWithHint("##title", "What is broken, in one line", &title_,
                                        ImGuiInputTextFlags_EnterReturnsTrue);
  probe::record("new_incident.title");

  ImGui::TextUnformatted("Severity");
  for (int i = 0; i < 4; ++i) {
    if (i) ImGui::SameLine();
    ImGui::RadioButton(kSeverities[i], &severity_, i);
    probe::record(std::string("new_incident.severity:") + kSeverities[i]);
  }
  ImGui::TextUnformatted("Domain");
  ImGui::SetNextItemWidth(-1);
  const auto& names = domain_names();
  if (ImGui::BeginCombo("##domain", domain_ < 0 ? "(not set)" : names[static_cast<std::size_t>(domain_)])) {
    if (ImGui::Selectable("(not set)", domain_ < 0)) domain_ = -1;
    for (int i = 0; i < static_cast<int>(names.size()); ++i) {
      if (ImGui::Selectable(names[static_cast<std::size_t>(i)], domain_ == i)) domain_ = i;
      probe::record(std::string("new_incident.domain:") + names[static_cast<std::size_t>(i)]);
    }
    ImGui::EndCombo();
  }
  probe::record("new_incident.domain");
  ImGui::TextUnformatted("Description");
  wrapped_text_input("##description", &description_, ImVec2(-1, ImGui::GetTextLineHeight() * 6.0f));
  probe::record("new_incident.description");

  if (auto_tickets_) ImGui::TextDisabled("A ticket is created too, as set in Settings > Integrations.");
  // Always one line, so the buttons below never move out of the window when an error appears.
  ImGui::TextColored(ImVec4(0.92f, 0.30f, 0.30f, 1.0f), "%s", error_.c_str());
  ImGui::Spacing();
  bool create_clicked = ImGui::Button("Create");
  probe::record("new_incident.create");
  ImGui::SameLine();
  if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
    open_ = false;
    ImGui::CloseCurrentPopup();
  }
  probe::record("new_incident.cancel");
  if (open_ && (enter || create_clicked)) create(state);
  ImGui::EndPopup();
  if (!keep_open) open_ = false;
}

}  // namespace tftsr::gui
