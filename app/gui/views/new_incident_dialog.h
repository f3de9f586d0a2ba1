#pragma once
// The "New incident" dialog (Ctrl+N): title (focused on open, Enter creates), description,
// severity P1–P4 and one of the 16 domains.
#include <string>

#include "app/gui/app_state.h"

namespace tftsr::gui {

class NewIncidentDialog {
 public:
  void open();
  void draw(AppState& state);
  bool is_open() const { return open_; }

 private:
  void create(AppState& state);
  bool open_ = false;
  bool request_open_ = false;
  bool focus_title_ = false;
  std::string title_;
  std::string description_;
  int severity_ = 2;  // P3
  int domain_ = -1;   // none chosen
  std::string error_;
};

}  // namespace tftsr::gui
