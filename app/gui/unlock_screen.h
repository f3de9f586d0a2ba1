#pragma once
// The first screen: create a passphrase on first run (twice, with a strength hint and a warning
// that it cannot be recovered), or type it to unlock. Opening the store derives the key, which is
// slow on purpose, so it runs on the worker pool while a spinner turns.
#include <string>

#include "app/gui/app_state.h"

namespace tftsr::gui {

class UnlockScreen {
 public:
  // True when no database exists yet in state.data_dir.
  static bool first_run(const AppState& state);

  // Starts opening the store with this passphrase (used for TFTSR_DB_KEY and by the form).
  void start_unlock(AppState& state, const std::string& passphrase);
  void draw(AppState& state);
  bool working() const { return working_; }
  const std::string& error() const { return error_; }

 private:
  void draw_form(AppState& state, bool creating);
  bool working_ = false;
  bool focus_field_ = true;
  std::string passphrase_;
  std::string confirmation_;
  std::string error_;
};

// Overwrites a secret before the string releases its memory.
void wipe(std::string& secret);

}  // namespace tftsr::gui
