#pragma once
// Settings: theme, font size, where the data lives, which PII types scans look for, the AI
// providers, local models (Ollama), and changing the passphrase (re-keys the whole database on
// the worker pool).
#include <string>

#include "app/gui/app_state.h"
#include "app/gui/tab_view.h"
#include "app/gui/view_jobs.h"
#include "app/gui/views/ai_provider_settings.h"
#include "app/gui/views/detection_settings.h"
#include "app/gui/views/integration_settings.h"
#include "app/gui/views/local_model_settings.h"

namespace tftsr::gui {

class SettingsView : public TabView {
 public:
  static constexpr const char* kKind = "settings";
  explicit SettingsView(AppState&) {}

  std::string title(const AppState&) const override { return "Settings"; }
  void draw(AppState& state) override;
  void cancel_jobs() override {
    jobs_.cancel();
    providers_.cancel_jobs();
    local_models_.cancel_jobs();
    integrations_.cancel_jobs();
  }
  AiProviderSettings& providers() { return providers_; }
  LocalModelSettings& local_models() { return local_models_; }
  IntegrationSettings& integrations() { return integrations_; }

 private:
  void draw_general(AppState& state);
  void start_rekey(AppState& state);
  DetectionSettings detection_;
  AiProviderSettings providers_;
  LocalModelSettings local_models_;
  IntegrationSettings integrations_;
  std::string new_passphrase_;
  std::string confirmation_;
  std::string message_;
  bool message_is_error_ = false;
  ViewJobs jobs_;
};

}  // namespace tftsr::gui
