#pragma once
// An ImGui context with no window and no renderer: the display size is set by hand, the fonts
// are built, and frames run NewFrame -> draw -> Render without drawing anything. The UI tests and
// the benchmark use it; key indices follow the glfw backend so shortcuts behave the same.
#include <functional>

#include <imgui.h>

#include "app/gui/fonts.h"
#include "app/gui/ui_config.h"

namespace tftsr::gui {

class HeadlessContext {
 public:
  // The fonts cover the alphabets only, as the window's first frame, unless a test asks for more.
  explicit HeadlessContext(ImVec2 display_size = ImVec2(1280, 800), float font_size = 16.0f,
                           Theme theme = Theme::Dark, FontCoverage coverage = FontCoverage::Alphabets);
  ~HeadlessContext();
  HeadlessContext(const HeadlessContext&) = delete;
  HeadlessContext& operator=(const HeadlessContext&) = delete;

  // One frame: dt seconds pass, draw() submits the UI.
  void frame(const std::function<void()>& draw, float dt = 1.0f / 60.0f);
  ImGuiIO& io() { return ImGui::GetIO(); }
  // Rebuilds the atlas, as the window does after its first frame.
  const LoadedFonts& rebuild_fonts(FontCoverage coverage);
  const LoadedFonts& fonts() const { return fonts_; }
  ImFont* mono_font() const { return fonts_.mono; }
  ImFont* heading_font() const { return fonts_.heading; }

 private:
  ImGuiContext* context_ = nullptr;
  float font_size_;
  LoadedFonts fonts_;
};

}  // namespace tftsr::gui
