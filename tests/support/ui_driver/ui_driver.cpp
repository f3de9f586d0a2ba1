#include "tests/support/ui_driver/ui_driver.h"

#include <doctest/doctest.h>

#include <chrono>
#include <stdexcept>
#include <thread>

namespace tftsr::gui::test {

UiDriver::UiDriver(HeadlessContext& context, std::function<void()> draw) : context_(context), draw_(std::move(draw)) {
  probe::set_enabled(true);
}

UiDriver::~UiDriver() {
  probe::set_enabled(false);
  probe::clear();
}

void UiDriver::frame(int count) {
  for (int i = 0; i < count; ++i) {
    probe::clear();
    context_.frame(draw_);
  }
}

bool UiDriver::frames_until(const std::function<bool()>& pred, int timeout_ms) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (!pred()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    frame();
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  frame();  // let the UI show the new state
  return true;
}

bool UiDriver::has(std::string_view key) const { return probe::find(key) != nullptr; }

const probe::Item& UiDriver::item(std::string_view key) const {
  const probe::Item* found = probe::find(key);
  if (!found) {
    FAIL("no widget named '" << std::string(key) << "' was drawn in the last frame");
    throw std::logic_error("unreachable");
  }
  return *found;
}

void UiDriver::move_to(std::string_view key) {
  // Hover first, as a real pointer would. A window that just appeared may still move (auto-size,
  // centring), so follow the widget until it stays put.
  for (int attempt = 0; attempt < 5; ++attempt) {
    const probe::Item it = item(key);
    context_.io().MousePos = ImVec2((it.min.x + it.max.x) * 0.5f, (it.min.y + it.max.y) * 0.5f);
    frame();
    const probe::Item& now = item(key);
    if (now.min.x == it.min.x && now.min.y == it.min.y) return;
  }
}

void UiDriver::click(std::string_view key) {
  move_to(key);
  context_.io().MouseDown[0] = true;
  frame();
  context_.io().MouseDown[0] = false;
  frame(2);
}

void UiDriver::double_click(std::string_view key) {
  move_to(key);
  for (int i = 0; i < 2; ++i) {
    context_.io().MouseDown[0] = true;
    frame();
    context_.io().MouseDown[0] = false;
    frame();
  }
  frame();
}

void UiDriver::type(std::string_view text) {
  context_.io().AddInputCharactersUTF8(std::string(text).c_str());
  frame(2);
}

void UiDriver::press(int glfw_key, bool ctrl) {
  ImGuiIO& io = context_.io();
  io.KeyCtrl = ctrl;
  io.KeysDown[glfw_key] = true;
  frame();
  io.KeysDown[glfw_key] = false;
  io.KeyCtrl = false;
  frame(2);
}

}  // namespace tftsr::gui::test
