#pragma once
// The 5-Whys progress as a row of steps: Why 1 … Why 5 and Root cause. Levels already passed,
// the one being worked on and those ahead look different; clicking a why asks to move there.
#include <optional>

#include "core/model/conversation.h"

namespace tftsr::gui {

// Returns the level the user clicked (1..5), if any. Probe keys "chat.why:<n>", "chat.root_cause".
std::optional<int> draw_why_progress(const WhyState& state, bool enabled);

}  // namespace tftsr::gui
