#pragma once
// Help (F1): what the program does and the list of keyboard shortcuts.
namespace tftsr::gui {

void draw_help_view();

}  // namespace tftsr::gui
