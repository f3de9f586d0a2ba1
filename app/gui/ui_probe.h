#pragma once
// A registry the views fill with the screen rectangles of the widgets a test may drive, keyed by
// a stable name. Recording is off in the real program (one branch per call); the headless UI
// driver turns it on, clears it before each frame and clicks or types at the recorded places.
#include <string>
#include <string_view>

#include <imgui.h>

namespace tftsr::gui::probe {

struct Item {
  std::string key;
  ImVec2 min, max;
};

void set_enabled(bool enabled);
bool enabled();
void clear();
// Records the last submitted ImGui item under key.
void record(std::string_view key);
const Item* find(std::string_view key);

}  // namespace tftsr::gui::probe
