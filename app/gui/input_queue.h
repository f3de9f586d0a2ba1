#pragma once
// GLFW's input events, queued and handed to ImGui one transition per frame. ImGui 1.86 reads the
// input state once per frame, so a move, press and release (or a key's press and release) that
// arrive between two frames would be seen as one state and the click or shortcut lost. Newer
// ImGui versions trickle their input queue the same way; the rules below follow theirs, and
// also give a move its own frame before a press (see next_frame).
#include <array>
#include <bitset>
#include <cstdint>
#include <deque>
#include <vector>

namespace tftsr::gui {

// The input state ImGui sees in one frame. Key indices are GLFW key codes, as the backend's.
struct InputFrame {
  static constexpr int kKeyCount = 512;
  static constexpr int kButtonCount = 5;
  bool mouse_valid = false;  // false while the pointer is outside the window
  float mouse_x = 0, mouse_y = 0;
  std::array<bool, kButtonCount> mouse_down{};
  std::bitset<kKeyCount> keys_down;
  float wheel_x = 0, wheel_y = 0;    // this frame's scrolling only
  std::vector<std::uint32_t> chars;  // this frame's typed characters only
};

class InputQueue {
 public:
  void mouse_moved(float x, float y);
  void mouse_left();
  void button(int button, bool down);
  void wheel(float dx, float dy);
  void key(int key, bool down);
  void character(std::uint32_t c);
  void focus_lost();  // everything held is released

  // Applies queued events until one would hide an earlier one of this frame (a second change of
  // the same button or key, a move after a click, ...), and returns the resulting state.
  InputFrame next_frame();
  bool empty() const { return events_.empty(); }

 private:
  enum class Kind { Move, Leave, Button, Wheel, Key, Char, FocusLost };
  struct Event {
    Kind kind;
    float x = 0, y = 0;
    int code = 0;  // button, key or character
    bool down = false;
  };
  std::deque<Event> events_;
  InputFrame state_;
};

}  // namespace tftsr::gui
