#pragma once
// The "Local models" section of Settings: whether Ollama runs (its version, or how to install it),
// the installed models with Delete (after a confirmation), pulling a model with a live progress
// bar and Cancel, this machine's RAM, CPU and GPUs, and the models that fit it, each with why and
// a Pull button. Every request and the hardware probe run on the worker pool; the UI thread only
// draws what came back. The URL is the configured Ollama provider's, else localhost:11434.
#include <optional>
#include <string>
#include <vector>

#include "app/gui/app_state.h"
#include "app/gui/view_jobs.h"
#include "core/ai/hardware_probe.h"
#include "core/ai/model_recommendation.h"
#include "core/ai/ollama_manager.h"

namespace tftsr::gui {

class LocalModelSettings {
 public:
  void draw(AppState& state);
  void cancel_jobs() { jobs_.cancel(); }

  // For tests.
  bool busy() const { return checking_ || pull_job_ != 0 || deleting_; }
  const std::optional<ai::OllamaStatus>& status() const { return status_; }
  const std::vector<ai::OllamaModel>& models() const { return models_; }
  const std::string& pull_message() const { return pull_message_; }
  bool pull_failed() const { return pull_failed_; }
  const std::string& action_error() const { return action_error_; }

 private:
  struct Snapshot {
    ai::OllamaStatus status;
    std::vector<ai::OllamaModel> models;
    std::string models_error;
  };
  void refresh(AppState& state);
  void probe_hardware(AppState& state);
  void start_pull(AppState& state, const std::string& model);
  void start_delete(AppState& state, const std::string& model);
  void draw_status(AppState& state);
  void draw_models(AppState& state);
  void draw_pull(AppState& state);
  void draw_hardware(AppState& state);

  bool started_ = false;
  bool checking_ = false;
  std::optional<ai::OllamaStatus> status_;
  std::vector<ai::OllamaModel> models_;
  std::string models_error_;
  std::optional<ai::HardwareInfo> hardware_;
  bool probing_ = false;

  std::string pull_name_;
  std::string pulling_;  // the model being pulled
  JobId pull_job_ = 0;
  std::string pull_message_;
  bool pull_failed_ = false;

  std::optional<std::string> confirm_delete_;
  bool deleting_ = false;
  std::string action_error_;
  ViewJobs jobs_;
};

}  // namespace tftsr::gui
