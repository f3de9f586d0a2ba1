#include "app/gui/input_queue.h"

namespace tftsr::gui {

void InputQueue::mouse_moved(float x, float y) { events_.push_back({Kind::Move, x, y}); }
void InputQueue::mouse_left() { events_.push_back({Kind::Leave}); }
void InputQueue::button(int button, bool down) {
  if (button >= 0 && button < InputFrame::kButtonCount) events_.push_back({Kind::Button, 0, 0, button, down});
}
void InputQueue::wheel(float dx, float dy) { events_.push_back({Kind::Wheel, dx, dy}); }
void InputQueue::key(int key, bool down) {
  if (key >= 0 && key < InputFrame::kKeyCount) events_.push_back({Kind::Key, 0, 0, key, down});
}
void InputQueue::character(std::uint32_t c) { events_.push_back({Kind::Char, 0, 0, static_cast<int>(c)}); }
void InputQueue::focus_lost() { events_.push_back({Kind::FocusLost}); }

InputFrame InputQueue::next_frame() {
  state_.wheel_x = state_.wheel_y = 0;
  state_.chars.clear();
  bool moved = false, wheeled = false, typed = false;
  unsigned buttons_changed = 0;
  std::bitset<InputFrame::kKeyCount> keys_changed;
  while (!events_.empty()) {
    const Event& e = events_.front();
    switch (e.kind) {
      case Kind::Move:
      case Kind::Leave: {
        const bool valid = e.kind == Kind::Move;
        if (valid == state_.mouse_valid && (!valid || (e.x == state_.mouse_x && e.y == state_.mouse_y))) break;
        // The click (or keys) before the move belong to the old position.
        if (buttons_changed || wheeled || keys_changed.any() || typed) return state_;
        state_.mouse_valid = valid;
        if (valid) state_.mouse_x = e.x, state_.mouse_y = e.y;
        moved = true;
        break;
      }
      case Kind::Button: {
        if (state_.mouse_down[e.code] == e.down) break;
        // A press and its release in one frame would be no click at all; and ImGui 1.86 only
        // lets some widgets (tabs, overlapping items) take a press once they were hovered in
        // the frame before, so a move gets a frame of its own before the press.
        if ((buttons_changed & (1u << e.code)) || wheeled || moved) return state_;
        state_.mouse_down[e.code] = e.down;
        buttons_changed |= 1u << e.code;
        break;
      }
      case Kind::Wheel:
        if (moved || buttons_changed) return state_;
        state_.wheel_x += e.x;
        state_.wheel_y += e.y;
        wheeled = true;
        break;
      case Kind::Key: {
        if (state_.keys_down[e.code] == e.down) break;
        if (keys_changed[e.code] || typed || buttons_changed) return state_;
        state_.keys_down[e.code] = e.down;
        keys_changed[e.code] = true;
        break;
      }
      case Kind::Char:
        if (buttons_changed || moved || wheeled) return state_;
        state_.chars.push_back(static_cast<std::uint32_t>(e.code));
        typed = true;
        break;
      case Kind::FocusLost:
        state_.mouse_down = {};
        state_.keys_down.reset();
        break;
    }
    events_.pop_front();
  }
  return state_;
}

}  // namespace tftsr::gui
