#pragma once
// "Create ticket" for one incident: ServiceNow or Azure DevOps (only the services set up; for
// Azure DevOps the work item type), the ticket text as it will leave after the PII check with what
// was masked, then the ticket created on the worker pool with progress and Cancel, and its link —
// or the service's message, with every choice kept.
#include <optional>
#include <string>
#include <vector>

#include "app/gui/app_state.h"
#include "app/gui/view_jobs.h"
#include "core/integrations/integration_service.h"

namespace tftsr::gui {

class TicketDialog {
 public:
  // services: the ticket services set up, in the order offered; the first is chosen.
  void open(AppState& state, const std::string& incident_id, std::vector<integrations::Service> services);
  void draw(AppState& state);
  bool is_open() const { return open_; }
  void cancel_jobs() { jobs_.cancel(); }

  // For tests.
  bool busy() const { return preview_job_ || create_job_; }
  const std::optional<integrations::SendPreview>& preview() const { return preview_; }
  const std::optional<integrations::TicketResult>& result() const { return result_; }
  const std::string& error() const { return error_; }

 private:
  void load_preview(AppState& state);
  void create(AppState& state);
  void draw_choice();
  void draw_result();

  bool open_ = false;
  bool request_open_ = false;
  std::string incident_id_;
  std::vector<integrations::Service> services_;
  integrations::Service service_ = integrations::Service::ServiceNow;
  int work_item_type_ = 0;  // index in kWorkItemTypes
  std::optional<integrations::SendPreview> preview_;
  std::optional<integrations::TicketResult> result_;
  std::string error_;
  JobId preview_job_ = 0, create_job_ = 0;
  ViewJobs jobs_;
};

}  // namespace tftsr::gui
