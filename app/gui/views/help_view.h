#pragma once
// Help (F1): what the program does and the list of keyboard shortcuts.
#include "app/gui/tab_view.h"

namespace tftsr::gui {

class HelpView : public TabView {
 public:
  static constexpr const char* kKind = "help";
  explicit HelpView(AppState&) {}

  std::string title(const AppState&) const override { return "Help"; }
  void draw(AppState& state) override;
};

}  // namespace tftsr::gui
