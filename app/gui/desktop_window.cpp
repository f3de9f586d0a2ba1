#include "app/gui/desktop_window.h"

#include <glad/gl.h>
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <algorithm>
#include <cfloat>

#include "app/gui/screenshot.h"
#include "app/gui/window_icon.h"
#include "core/error.h"

namespace tftsr::gui {

namespace {
constexpr const char* kWindowTitle = "TFTSR — Troubleshooting and RCA Assistant";

GLFWwindowfocusfun backend_focus_callback = nullptr;
GLFWcursorenterfun backend_enter_callback = nullptr;
}  // namespace

// Our GLFW callbacks: input goes to the queue instead of straight into ImGui (see input_queue.h).
struct WindowCallbacks {
  static DesktopWindow& self(GLFWwindow* window) {
    return *static_cast<DesktopWindow*>(glfwGetWindowUserPointer(window));
  }
  static void drop(GLFWwindow* window, int count, const char** paths) {
    for (int i = 0; i < count; ++i) self(window).dropped_.emplace_back(paths[i]);
  }
  static void cursor(GLFWwindow* window, double x, double y) {
    self(window).input_.mouse_moved(static_cast<float>(x), static_cast<float>(y));
  }
  static void enter(GLFWwindow* window, int entered) {
    if (backend_enter_callback) backend_enter_callback(window, entered);
    if (entered) {
      double x = 0, y = 0;
      glfwGetCursorPos(window, &x, &y);
      self(window).input_.mouse_moved(static_cast<float>(x), static_cast<float>(y));
    } else {
      self(window).input_.mouse_left();
    }
  }
  static void focus(GLFWwindow* window, int focused) {
    if (backend_focus_callback) backend_focus_callback(window, focused);
    if (!focused) self(window).input_.focus_lost();
  }
  static void button(GLFWwindow* window, int button, int action, int) {
    self(window).input_.button(button, action == GLFW_PRESS);
  }
  static void scroll(GLFWwindow* window, double dx, double dy) {
    self(window).input_.wheel(static_cast<float>(dx), static_cast<float>(dy));
  }
  static void key(GLFWwindow* window, int key, int, int action, int) {
    if (action == GLFW_REPEAT) return;  // ImGui repeats held keys itself
    self(window).input_.key(key, action == GLFW_PRESS);
  }
  static void character(GLFWwindow* window, unsigned int c) { self(window).input_.character(c); }

  // Replaces the backend's input callbacks (which write into ImGui at once) and chains to its
  // focus and enter callbacks (which keep its own bookkeeping).
  static void install(GLFWwindow* window) {
    backend_focus_callback = glfwSetWindowFocusCallback(window, focus);
    backend_enter_callback = glfwSetCursorEnterCallback(window, enter);
    glfwSetCursorPosCallback(window, cursor);
    glfwSetMouseButtonCallback(window, button);
    glfwSetScrollCallback(window, scroll);
    glfwSetKeyCallback(window, key);
    glfwSetCharCallback(window, character);
  }

  static void apply(const InputFrame& in) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = in.mouse_valid ? ImVec2(in.mouse_x, in.mouse_y) : ImVec2(-FLT_MAX, -FLT_MAX);
    for (int i = 0; i < InputFrame::kButtonCount; ++i) io.MouseDown[i] = in.mouse_down[i];
    io.MouseWheelH += in.wheel_x;
    io.MouseWheel += in.wheel_y;
    for (int k = 0; k < InputFrame::kKeyCount; ++k) io.KeysDown[k] = in.keys_down[k];
    const auto down = [&](int a, int b) { return in.keys_down[a] || in.keys_down[b]; };
    io.KeyCtrl = down(GLFW_KEY_LEFT_CONTROL, GLFW_KEY_RIGHT_CONTROL);
    io.KeyShift = down(GLFW_KEY_LEFT_SHIFT, GLFW_KEY_RIGHT_SHIFT);
    io.KeyAlt = down(GLFW_KEY_LEFT_ALT, GLFW_KEY_RIGHT_ALT);
    io.KeySuper = down(GLFW_KEY_LEFT_SUPER, GLFW_KEY_RIGHT_SUPER);
    for (std::uint32_t c : in.chars) io.AddInputCharacter(c);
  }
};

DesktopWindow::DesktopWindow(const UiConfig& config, const std::filesystem::path& ini_file)
    : ini_file_(ini_file.string()) {
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
  glfwWindowHint(GLFW_MAXIMIZED, config.window_maximized ? GLFW_TRUE : GLFW_FALSE);
  WindowSize size{config.window_width, config.window_height};
  if (!config.window_size_saved) {
    if (GLFWmonitor* monitor = glfwGetPrimaryMonitor()) {
      int x = 0, y = 0, w = 0, h = 0;
      glfwGetMonitorWorkarea(monitor, &x, &y, &w, &h);
      // GLFW_SCALE_TO_MONITOR multiplies the size we ask for by the content scale.
      float sx = 1.0f, sy = 1.0f;
      glfwGetMonitorContentScale(monitor, &sx, &sy);
      sx = std::max(sx, 0.5f), sy = std::max(sy, 0.5f);
      if (w > 0 && h > 0)
        size = fit_window_to_work_area(static_cast<int>(static_cast<float>(w) / sx), static_cast<int>(static_cast<float>(h) / sy));
    }
  }
  window_ = glfwCreateWindow(size.width, size.height, kWindowTitle, nullptr, nullptr);
  if (!window_) throw Error(ErrorKind::Internal, "Could not open a window with OpenGL 3.3 (is a display available?).");
  set_window_icon(window_);
  if (config.window_x >= 0 && config.window_y >= 0 && !config.window_maximized)
    glfwSetWindowPos(window_, config.window_x, config.window_y);
  glfwMakeContextCurrent(window_);
  glfwSwapInterval(1);
  if (!gladLoadGL(glfwGetProcAddress)) throw Error(ErrorKind::Internal, "Could not load the OpenGL 3.3 functions.");
  glfwSetWindowUserPointer(window_, this);
  glfwSetDropCallback(window_, &WindowCallbacks::drop);

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
  WindowCallbacks::install(window_);
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

void DesktopWindow::poll() { glfwPollEvents(); }

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

LoadedFonts DesktopWindow::rebuild_fonts(float font_size, FontCoverage coverage) {
  LoadedFonts fonts = load_fonts(font_size * scale_, coverage);
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
  // The texture has the pixels now; with CJK the atlas keeps 40 MB of them otherwise. Before the
  // first frame the backend still uploads them once more when it creates its device objects.
  if (frame_begun_) ImGui::GetIO().Fonts->ClearTexData();
  return fonts;
}

void DesktopWindow::begin_frame() {
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();  // display size, time, cursor shape; the input comes from our queue
  WindowCallbacks::apply(input_.next_frame());
  ImGui::NewFrame();
  frame_begun_ = true;
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
