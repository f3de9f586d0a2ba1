#include "app/gui/desktop_window.h"

#include <glad/gl.h>
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <algorithm>

#include "app/gui/screenshot.h"
#include "app/gui/window_icon.h"
#include "core/error.h"

namespace tftsr::gui {

namespace {
constexpr const char* kWindowTitle = "TFTSR — Troubleshooting and RCA Assistant";

void on_drop(GLFWwindow* window, int count, const char** paths) {
  auto* self = static_cast<std::vector<std::filesystem::path>*>(glfwGetWindowUserPointer(window));
  for (int i = 0; i < count; ++i) self->emplace_back(paths[i]);
}
}  // namespace

DesktopWindow::DesktopWindow(const UiConfig& config, const std::filesystem::path& ini_file)
    : ini_file_(ini_file.string()) {
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
  glfwWindowHint(GLFW_MAXIMIZED, config.window_maximized ? GLFW_TRUE : GLFW_FALSE);
  window_ = glfwCreateWindow(config.window_width, config.window_height, kWindowTitle, nullptr, nullptr);
  if (!window_) throw Error(ErrorKind::Internal, "Could not open a window with OpenGL 3.3 (is a display available?).");
  set_window_icon(window_);
  if (config.window_x >= 0 && config.window_y >= 0 && !config.window_maximized)
    glfwSetWindowPos(window_, config.window_x, config.window_y);
  glfwMakeContextCurrent(window_);
  glfwSwapInterval(1);
  if (!gladLoadGL(glfwGetProcAddress)) throw Error(ErrorKind::Internal, "Could not load the OpenGL 3.3 functions.");
  glfwSetWindowUserPointer(window_, &dropped_);
  glfwSetDropCallback(window_, on_drop);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  std::error_code ec;
  std::filesystem::create_directories(ini_file.parent_path(), ec);
  io.IniFilename = ini_file_.c_str();
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  // A blinking caret would need frames while idle; a steady one costs nothing.
  io.ConfigInputTextCursorBlink = false;
  ImGui_ImplGlfw_InitForOpenGL(window_, true);  // chains our drop callback untouched
  ImGui_ImplOpenGL3_Init("#version 330 core");
  float y = 1.0f;
  glfwGetWindowContentScale(window_, &scale_, &y);
  scale_ = std::clamp(std::max(scale_, y), 0.5f, 4.0f);
}

DesktopWindow::~DesktopWindow() {
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window_);
}

void DesktopWindow::wait(bool continuous) {
  if (continuous)
    glfwWaitEventsTimeout(1.0 / 60.0);
  else
    glfwWaitEvents();
}

void DesktopWindow::wake() { glfwPostEmptyEvent(); }

bool DesktopWindow::close_requested() const { return glfwWindowShouldClose(window_) != 0; }

float DesktopWindow::content_scale() const { return scale_; }

bool DesktopWindow::content_scale_changed() {
  float x = 1.0f, y = 1.0f;
  glfwGetWindowContentScale(window_, &x, &y);
  float s = std::clamp(std::max(x, y), 0.5f, 4.0f);
  if (s == scale_) return false;
  scale_ = s;
  return true;
}

LoadedFonts DesktopWindow::rebuild_fonts(float font_size) {
  LoadedFonts fonts = load_fonts(font_size * scale_);
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
  return fonts;
}

void DesktopWindow::begin_frame() {
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
}

void DesktopWindow::end_frame(const std::filesystem::path* screenshot) {
  ImGui::Render();
  int w = 0, h = 0;
  glfwGetFramebufferSize(window_, &w, &h);
  glViewport(0, 0, w, h);
  const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  glClearColor(bg.x, bg.y, bg.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  if (screenshot) save_framebuffer_png(*screenshot, w, h);
  glfwSwapBuffers(window_);
}

void DesktopWindow::remember_geometry(UiConfig& config) const {
  config.window_maximized = glfwGetWindowAttrib(window_, GLFW_MAXIMIZED) != 0;
  if (config.window_maximized) return;  // keep the restored size for next time
  glfwGetWindowPos(window_, &config.window_x, &config.window_y);
  glfwGetWindowSize(window_, &config.window_width, &config.window_height);
}

std::vector<std::filesystem::path> DesktopWindow::take_dropped_files() {
  std::vector<std::filesystem::path> out;
  out.swap(dropped_);
  return out;
}

}  // namespace tftsr::gui
