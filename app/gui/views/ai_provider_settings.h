#pragma once
// The "AI providers" section of Settings: the configured providers (key shown masked), a form to
// add or edit one, deleting with a confirmation, choosing the active one, and "Test connection"
// run on the worker pool with its result shown on the provider's row. The service validates;
// its messages are shown under the form as they are.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/gui/app_state.h"
#include "app/gui/view_jobs.h"

namespace tftsr::gui {

class AiProviderSettings {
 public:
  void draw(AppState& state);
  void cancel_jobs() { jobs_.cancel(); }

  // For tests.
  const std::string& form_error() const { return form_error_; }
  std::optional<ConnectionTest> test_result(const std::string& name) const;

 private:
  struct Form {
    bool open = false;
    std::string editing;  // the provider's name when editing; empty when adding
    ai::ProviderConfig config;
    std::string api_key;
    int key_change = 0;  // KeyChange: keep, replace, remove
    bool had_key = false;
    std::string masked_key;
  };
  struct Test {
    bool running = false;
    ConnectionTest result;
  };
  void load(AppState& state);
  void draw_list(AppState& state);
  void draw_form(AppState& state);
  void start_add();
  void start_edit(const ProviderSummary& p);
  void save(AppState& state);
  void test(AppState& state, const std::string& name);

  std::uint64_t loaded_version_ = 0;
  std::vector<ProviderSummary> providers_;
  std::string load_error_;
  Form form_;
  std::string form_error_;
  std::string action_error_;  // of delete / use
  std::optional<std::string> confirm_delete_;
  std::map<std::string, Test> tests_;
  ViewJobs jobs_;
};

}  // namespace tftsr::gui
