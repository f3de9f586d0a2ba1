#include "app/gui/headless_context.h"

#include <GLFW/glfw3.h>

#include "app/gui/fonts.h"
#include "app/gui/theme.h"

namespace tftsr::gui {

HeadlessContext::HeadlessContext(ImVec2 display_size, float font_size, Theme theme, FontCoverage coverage)
    : font_size_(font_size) {
  IMGUI_CHECKVERSION();
  context_ = ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.LogFilename = nullptr;
  io.DisplaySize = display_size;
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  // The same key map the glfw backend installs.
  io.KeyMap[ImGuiKey_Tab] = GLFW_KEY_TAB;
  io.KeyMap[ImGuiKey_LeftArrow] = GLFW_KEY_LEFT;
  io.KeyMap[ImGuiKey_RightArrow] = GLFW_KEY_RIGHT;
  io.KeyMap[ImGuiKey_UpArrow] = GLFW_KEY_UP;
  io.KeyMap[ImGuiKey_DownArrow] = GLFW_KEY_DOWN;
  io.KeyMap[ImGuiKey_PageUp] = GLFW_KEY_PAGE_UP;
  io.KeyMap[ImGuiKey_PageDown] = GLFW_KEY_PAGE_DOWN;
  io.KeyMap[ImGuiKey_Home] = GLFW_KEY_HOME;
  io.KeyMap[ImGuiKey_End] = GLFW_KEY_END;
  io.KeyMap[ImGuiKey_Insert] = GLFW_KEY_INSERT;
  io.KeyMap[ImGuiKey_Delete] = GLFW_KEY_DELETE;
  io.KeyMap[ImGuiKey_Backspace] = GLFW_KEY_BACKSPACE;
  io.KeyMap[ImGuiKey_Space] = GLFW_KEY_SPACE;
  io.KeyMap[ImGuiKey_Enter] = GLFW_KEY_ENTER;
  io.KeyMap[ImGuiKey_Escape] = GLFW_KEY_ESCAPE;
  io.KeyMap[ImGuiKey_KeyPadEnter] = GLFW_KEY_KP_ENTER;
  io.KeyMap[ImGuiKey_A] = GLFW_KEY_A;
  io.KeyMap[ImGuiKey_C] = GLFW_KEY_C;
  io.KeyMap[ImGuiKey_V] = GLFW_KEY_V;
  io.KeyMap[ImGuiKey_X] = GLFW_KEY_X;
  io.KeyMap[ImGuiKey_Y] = GLFW_KEY_Y;
  io.KeyMap[ImGuiKey_Z] = GLFW_KEY_Z;
  rebuild_fonts(coverage);
  apply_theme(theme, 1.0f);
}

const LoadedFonts& HeadlessContext::rebuild_fonts(FontCoverage coverage) {
  ImGui::SetCurrentContext(context_);
  fonts_ = load_fonts(font_size_, coverage);
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);  // no texture upload: the atlas just has to exist
  return fonts_;
}

HeadlessContext::~HeadlessContext() { ImGui::DestroyContext(context_); }

void HeadlessContext::frame(const std::function<void()>& draw, float dt) {
  ImGui::SetCurrentContext(context_);
  ImGui::GetIO().DeltaTime = dt;
  ImGui::NewFrame();
  draw();
  ImGui::Render();
}

}  // namespace tftsr::gui
