#pragma once
// Titles cut to fit a tab or a list: at most `max_bytes` bytes of UTF-8, cut between characters
// (a cut inside one showed as replacement marks), with "…" when anything was left out.
#include <cstddef>
#include <string>
#include <string_view>

namespace tftsr::gui {

std::string short_title(std::string_view text, std::size_t max_bytes);

}  // namespace tftsr::gui
