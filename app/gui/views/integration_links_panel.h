#pragma once
// The Confluence pages and the tickets of one incident (pending, done or failed with the
// service's message; links open in the browser), and "Create ticket…" offering the ticket
// services that are set up. Read on the worker pool, again whenever the store changes.
#include <cstdint>
#include <string>
#include <vector>

#include "app/gui/app_state.h"
#include "app/gui/view_jobs.h"
#include "app/gui/views/ticket_dialog.h"
#include "core/integrations/integration_model.h"

namespace tftsr::gui {

class IntegrationLinksPanel {
 public:
  // The "Create ticket…" button (disabled, with a hint, when no ticket service is set up).
  void draw_create_button(AppState& state, const std::string& incident_id);
  // The list of pages and tickets.
  void draw(AppState& state, const std::string& incident_id);
  // Every frame, wherever the incident's view is: the dialog.
  void draw_dialog(AppState& state);
  void cancel() {
    jobs_.cancel();
    dialog_.cancel_jobs();
  }

  // For tests.
  const std::vector<integrations::IntegrationLink>& links() const { return links_; }
  const std::vector<integrations::Service>& ticket_services() const { return ticket_services_; }
  bool loaded() const { return loaded_version_ != 0 && !loading_; }
  TicketDialog& dialog() { return dialog_; }

 private:
  void reload(AppState& state, const std::string& incident_id);

  std::uint64_t loaded_version_ = 0;
  bool loading_ = false;
  std::vector<integrations::IntegrationLink> links_;
  std::vector<integrations::Service> ticket_services_;  // set up, with a credential
  std::string error_;
  TicketDialog dialog_;
  ViewJobs jobs_;
};

}  // namespace tftsr::gui
