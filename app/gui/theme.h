#pragma once
// Dark and light colour schemes, and scaling of the style for high-DPI screens.
#include <imgui.h>

#include "app/gui/ui_config.h"
#include "core/patterns/log_level.h"

namespace tftsr::gui {

// Resets the style to the theme, then scales sizes by content_scale (1.0 on a 96-dpi screen).
void apply_theme(Theme theme, float content_scale);

// Colours with a meaning, chosen to be readable on both themes.
ImVec4 severity_colour(const std::string& severity);
ImVec4 status_colour(const std::string& status);
// Of a log line or pattern by its level; the theme's text colour for info and unknown.
ImVec4 level_colour(patterns::LogLevel level);
// Near-black or near-white, whichever reads better on the background.
ImVec4 text_colour_on(const ImVec4& background);
// Second-line text (dates, status, domain): grey normally, the text colour softened on a selected
// or hovered row, where grey would vanish into the selection colour.
ImVec4 secondary_text_colour(bool on_highlight);

}  // namespace tftsr::gui
