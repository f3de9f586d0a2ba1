#pragma once
// Drives the headless UI like a user: finds widgets by the names the views record, moves the
// mouse there, clicks, types and presses keys, one ImGui frame at a time.
#include <functional>
#include <string>
#include <string_view>

#include "app/gui/headless_context.h"
#include "app/gui/ui_probe.h"

namespace tftsr::gui::test {

class UiDriver {
 public:
  UiDriver(HeadlessContext& context, std::function<void()> draw);
  ~UiDriver();

  void frame(int count = 1);
  // Runs frames (sleeping a little between them so worker jobs progress) until pred() holds;
  // returns false after timeout_ms.
  bool frames_until(const std::function<bool()>& pred, int timeout_ms = 5000);
  bool has(std::string_view key) const;
  // The recorded item; fails the test when it was not drawn in the last frame.
  const probe::Item& item(std::string_view key) const;
  void click(std::string_view key);
  void double_click(std::string_view key);
  void type(std::string_view text);
  // A key by its GLFW code, optionally with Ctrl held.
  void press(int glfw_key, bool ctrl = false);

 private:
  void move_to(std::string_view key);
  HeadlessContext& context_;
  std::function<void()> draw_;
};

}  // namespace tftsr::gui::test
