#pragma once
// Settings: theme, font size, where the data lives, which PII types scans look for, and changing
// the passphrase (re-keys the whole database on the worker pool).
#include <string>

#include "app/gui/app_state.h"
#include "app/gui/views/detection_settings.h"

namespace tftsr::gui {

class SettingsView {
 public:
  void draw(AppState& state);

 private:
  void start_rekey(AppState& state);
  DetectionSettings detection_;
  std::string new_passphrase_;
  std::string confirmation_;
  std::string message_;
  bool message_is_error_ = false;
};

}  // namespace tftsr::gui
