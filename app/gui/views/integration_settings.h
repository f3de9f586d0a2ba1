#pragma once
// The "Integrations" section of Settings: per service (Confluence, ServiceNow, Azure DevOps) the
// base URL, the user name / project / space, how it signs in (a token, sealed on save, or OAuth
// with PKCE in the system browser), Test connection, and what the last attempt said. Saving,
// signing in and testing run on the worker pool with Cancel; the UI thread only draws.
#include <array>
#include <string>

#include "app/gui/app_state.h"
#include "app/gui/view_jobs.h"
#include "core/integrations/integration_model.h"

namespace tftsr::gui {

class IntegrationSettings {
 public:
  void draw(AppState& state);
  void cancel_jobs() { jobs_.cancel(); }

  // For tests.
  bool busy() const;
  const std::string& message(integrations::Service s) const { return forms_[index(s)].message; }

 private:
  struct Form {
    integrations::IntegrationSettings settings;
    integrations::IntegrationStatus status;
    std::string token;  // typed, wiped once saved
    std::string message;
    bool message_is_error = false;
    JobId job = 0;
  };
  static std::size_t index(integrations::Service s) { return static_cast<std::size_t>(s); }
  void load(AppState& state);
  void draw_form(AppState& state, Form& f);
  void save(AppState& state, Form& f);
  void sign_in(AppState& state, Form& f);
  void test(AppState& state, Form& f);
  void finish(Form& f, std::string message, bool is_error);

  bool loaded_ = false;
  std::array<Form, 3> forms_{};
  ViewJobs jobs_;
};

}  // namespace tftsr::gui
