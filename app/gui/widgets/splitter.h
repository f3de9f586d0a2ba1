#pragma once
// A draggable bar between two panes. Returns true while it is being dragged; size changes by the
// mouse movement and stays within [min_size, max_size].
namespace tftsr::gui {

bool vertical_splitter(const char* id, float* size, float min_size, float max_size, float height, bool grow_left = true);

}  // namespace tftsr::gui
