#include "app/gui/views/ticket_dialog.h"

#include <imgui.h>

#include <algorithm>

#include <iterator>

#include "app/gui/job_progress.h"
#include "app/gui/ui_probe.h"
#include "app/gui/views/send_preview_panel.h"

namespace tftsr::gui {

namespace {
using namespace integrations;
constexpr const char* kPopup = "Create ticket";
}  // namespace

void TicketDialog::open(AppState& state, const std::string& incident_id, std::vector<Service> services) {
  jobs_.cancel();  // of an earlier opening
  preview_job_ = create_job_ = 0;
  incident_id_ = incident_id;
  services_ = std::move(services);
  if (!services_.empty()) service_ = services_.front();
  preview_.reset();
  result_.reset();
  error_.clear();
  request_open_ = true;
  load_preview(state);
}

void TicketDialog::load_preview(AppState& state) {
  Triage* triage = state.triage.get();
  preview_job_ = jobs_.run(
      state.pool, "Checking what the ticket will send",
      [triage, id = incident_id_](JobContext&) { return triage->integrations().preview_ticket(id); },
      [this](SendPreview p) {
        preview_job_ = 0;
        preview_ = std::move(p);
      },
      [this](const JobFailure& f) {
        preview_job_ = 0;
        if (f.kind != ErrorKind::Cancelled) error_ = f.message;
      });
}

void TicketDialog::create(AppState& state) {
  Triage* triage = state.triage.get();
  TicketOptions options;
  options.work_item_type = kWorkItemTypes[work_item_type_];
  error_.clear();
  create_job_ = jobs_.run(
      state.pool, "Creating the " + service_name(service_) + " ticket",
      [triage, id = incident_id_, service = service_, options](JobContext& ctx) {
        return triage->integrations().create_ticket(service, id, options, progress_of(ctx));
      },
      [this, &state](TicketResult r) {
        create_job_ = 0;
        result_ = std::move(r);
        state.changed();  // the timeline and the links
        state.notify(NoticeLevel::Success, service_name(result_->ticket.service) + " ticket " + result_->ticket.key + " created",
                     result_->ticket.url);
      },
      [this, &state](const JobFailure& f) {
        create_job_ = 0;
        error_ = f.kind == ErrorKind::Cancelled ? "Creating the ticket was cancelled." : f.message;
        state.changed();  // a failed attempt is recorded with the incident
      });
}

void TicketDialog::draw_choice() {
  for (Service s : services_) {
    if (ImGui::RadioButton(service_name(s).c_str(), service_ == s)) service_ = s;
    probe::record("ticket.service:" + service_id(s));
    ImGui::SameLine();
  }
  ImGui::NewLine();
  if (service_ == Service::AzureDevOps) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Work item type");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10.0f);
    if (ImGui::BeginCombo("##type", kWorkItemTypes[work_item_type_])) {
      for (int i = 0; i < static_cast<int>(std::size(kWorkItemTypes)); ++i) {
        if (ImGui::Selectable(kWorkItemTypes[i], i == work_item_type_)) work_item_type_ = i;
        probe::record(std::string("ticket.type:") + kWorkItemTypes[i]);
      }
      ImGui::EndCombo();
    }
    probe::record("ticket.type");
  }
}

void TicketDialog::draw_result() {
  const RemoteTicket& t = result_->ticket;
  ImGui::TextColored(kSendOkColour, "Created %s %s.", service_name(t.service).c_str(), t.key.c_str());
  probe::record("ticket.done");
  draw_remote_link(t.url, "ticket.link");
}

void TicketDialog::draw(AppState& state) {
  bool keep_open = true;
  const bool creating = create_job_ != 0;
  if (!begin_send_dialog(kPopup, request_open_, open_, 30.0f, creating, keep_open)) {
    if (open_) {
      jobs_.cancel();
      preview_job_ = 0;
      open_ = false;
    }
    return;
  }
  ImGui::TextUnformatted("The incident goes to the chosen service as a new ticket.");
  ImGui::BeginDisabled(creating || result_.has_value());
  draw_choice();
  ImGui::EndDisabled();
  ImGui::Separator();
  ImGui::TextUnformatted("What will be sent, after the PII check");
  if (preview_) draw_send_preview(*preview_, -below_preview(!error_.empty(), result_.has_value()), "ticket.preview");
  else if (preview_job_) ImGui::TextDisabled("checking the text…");
  draw_send_error(error_, "ticket.error");
  if (result_) draw_result();
  ImGui::Separator();
  if (creating) {
    draw_job_progress(state, create_job_, "ticket");
  } else {
    if (!result_) {
      ImGui::BeginDisabled(!preview_ || services_.empty());
      if (ImGui::Button(("Create in " + service_name(service_)).c_str())) create(state);
      ImGui::EndDisabled();
      probe::record("ticket.create");
      ImGui::SameLine();
    }
    if (ImGui::Button("Close")) keep_open = false;
    probe::record("ticket.close");
  }
  if (!keep_open && !creating) {
    jobs_.cancel();
    preview_job_ = 0;
    open_ = false;
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

}  // namespace tftsr::gui
