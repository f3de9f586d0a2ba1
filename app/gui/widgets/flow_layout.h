#pragma once
// Rows of buttons that wrap instead of running out of a narrow pane.

namespace tftsr::gui {

// Puts the next item on the line of the last one when `width` more fits in the window's content
// region (after `spacing`, or the style's item spacing when negative); on a new line otherwise.
void same_line_if_fits(float width, float spacing = -1.0f);

// The width ImGui::Button(label) takes when given no size ("##" and what follows not counted).
float button_width(const char* label);

}  // namespace tftsr::gui
