#pragma once
// A multi-line text field that wraps long lines at the field's width. ImGui 1.86's multi-line
// input has no wrapping, so the field shows the text with soft breaks ("\r\n": a typed or pasted
// text never holds '\r', ImGui filters it out) which are taken out again before the text is
// handed back. The soft-break arithmetic is in plain functions so that it can be tested alone.
#include <functional>
#include <string>
#include <string_view>

#include <imgui.h>

namespace tftsr::gui {

// The width of one UTF-8 character (the bytes given).
using CharWidth = std::function<float(std::string_view)>;

// text with "\r\n" inserted where a line would run past width: after the last space that fits, or
// inside a word longer than the line.
std::string soft_wrap(std::string_view text, float width, const CharWidth& char_width);
// The text without its soft breaks.
std::string remove_soft_breaks(std::string_view wrapped);
// A byte position in the wrapped text, in the text without soft breaks, and back.
std::size_t position_without_soft_breaks(std::string_view wrapped, std::size_t position);
std::size_t position_with_soft_breaks(std::string_view wrapped, std::size_t plain_position);

// InputTextMultiline over *text with wrapping; true when the text changed this frame.
bool wrapped_text_input(const char* id, std::string* text, ImVec2 size);

}  // namespace tftsr::gui
