#include <doctest/doctest.h>

#include <GLFW/glfw3.h>

#include "app/gui/input_queue.h"

using tftsr::gui::InputFrame;
using tftsr::gui::InputQueue;

TEST_CASE("a move, press and release that arrive together reach ImGui over three frames") {
  InputQueue q;
  q.mouse_moved(10, 20);
  q.button(0, true);
  q.button(0, false);

  InputFrame first = q.next_frame();  // the pointer arrives: the widget is hovered first
  CHECK(first.mouse_valid);
  CHECK(first.mouse_x == 10);
  CHECK_FALSE(first.mouse_down[0]);
  CHECK_FALSE(q.empty());
  // A move may be followed by a press in the same frame; the release must wait for the next.
  first = q.next_frame();
  CHECK(first.mouse_down[0]);
  CHECK_FALSE(q.empty());
  const InputFrame third = q.next_frame();
  CHECK_FALSE(third.mouse_down[0]);
  CHECK(q.empty());
}

TEST_CASE("a move after a press waits for the next frame, so the press lands where it happened") {
  InputQueue q;
  q.mouse_moved(1, 1);
  q.next_frame();
  q.button(0, true);
  q.mouse_moved(50, 50);
  InputFrame f = q.next_frame();
  CHECK(f.mouse_down[0]);
  CHECK(f.mouse_x == 1);
  f = q.next_frame();
  CHECK(f.mouse_x == 50);
  CHECK(f.mouse_down[0]);
}

TEST_CASE("presses of different buttons may share a frame and two changes of one button may not") {
  InputQueue q;
  q.button(0, true);
  q.button(1, true);
  q.button(1, false);
  InputFrame f = q.next_frame();
  CHECK(f.mouse_down[0]);
  CHECK(f.mouse_down[1]);
  f = q.next_frame();
  CHECK(f.mouse_down[0]);
  CHECK_FALSE(f.mouse_down[1]);
  CHECK(q.empty());
}

TEST_CASE("a shortcut pressed and released at once is seen held for one frame with its modifier") {
  InputQueue q;
  q.key(GLFW_KEY_LEFT_CONTROL, true);
  q.key(GLFW_KEY_N, true);
  q.key(GLFW_KEY_N, false);
  q.key(GLFW_KEY_LEFT_CONTROL, false);
  InputFrame f = q.next_frame();
  CHECK(f.keys_down[GLFW_KEY_LEFT_CONTROL]);
  CHECK(f.keys_down[GLFW_KEY_N]);
  f = q.next_frame();
  CHECK_FALSE(f.keys_down[GLFW_KEY_N]);
  CHECK_FALSE(f.keys_down[GLFW_KEY_LEFT_CONTROL]);
  CHECK(q.empty());
}

TEST_CASE("typed characters follow their keys and a key after typed text waits a frame") {
  InputQueue q;
  q.key(GLFW_KEY_A, true);
  q.character('a');
  q.key(GLFW_KEY_A, false);
  q.key(GLFW_KEY_B, true);
  q.character('b');
  q.key(GLFW_KEY_B, false);
  std::vector<std::uint32_t> typed;
  int frames = 0;
  while (!q.empty() && frames < 10) {
    const InputFrame f = q.next_frame();
    typed.insert(typed.end(), f.chars.begin(), f.chars.end());
    CHECK(f.chars.size() <= 1);
    ++frames;
  }
  CHECK(typed == std::vector<std::uint32_t>{'a', 'b'});
  CHECK(frames >= 2);
}

TEST_CASE("wheel steps add up within a frame, and a frame's scrolling is not repeated") {
  InputQueue q;
  q.wheel(0, 1);
  q.wheel(0, 2);
  InputFrame f = q.next_frame();
  CHECK(f.wheel_y == 3);
  f = q.next_frame();
  CHECK(f.wheel_y == 0);
}

TEST_CASE("leaving the window and losing focus release what was held") {
  InputQueue q;
  q.mouse_moved(5, 5);
  q.key(GLFW_KEY_LEFT_SHIFT, true);
  q.next_frame();
  q.mouse_left();
  q.focus_lost();
  const InputFrame f = q.next_frame();
  CHECK_FALSE(f.mouse_valid);
  CHECK_FALSE(f.keys_down[GLFW_KEY_LEFT_SHIFT]);
}

TEST_CASE("events outside the known ranges are ignored") {
  InputQueue q;
  q.key(-1, true);
  q.key(100000, true);
  q.button(9, true);
  CHECK(q.empty());
}
