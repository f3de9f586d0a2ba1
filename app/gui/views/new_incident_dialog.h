#pragma once
// The "New incident" dialog (Ctrl+N): title (focused on open, Enter creates), description,
// severity P1–P4 and one of the 16 domains. Services set to auto-create get their ticket on the
// pool once the incident exists.
#include <string>

#include "app/gui/app_state.h"
#include "app/gui/view_jobs.h"

namespace tftsr::gui {

class NewIncidentDialog {
 public:
  void open();
  void draw(AppState& state);
  bool is_open() const { return open_; }

 private:
  void create(AppState& state);
  void create_automatic_tickets(AppState& state, const std::string& incident_id);
  bool open_ = false;
  bool auto_tickets_ = false;  // a service is set to create a ticket for every new incident
  bool request_open_ = false;
  bool focus_title_ = false;
  std::string title_;
  std::string description_;
  int severity_ = 2;  // P3
  int domain_ = -1;   // none chosen
  std::string error_;
  ViewJobs jobs_;
};

}  // namespace tftsr::gui
