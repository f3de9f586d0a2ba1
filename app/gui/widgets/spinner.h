#pragma once
// A small rotating arc for work of unknown length. It animates, so while one is drawn the frame
// loop must keep rendering (the caller asks for it).
namespace tftsr::gui {

void spinner(float radius);

}  // namespace tftsr::gui
