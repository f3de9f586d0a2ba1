#include "app/gui/clipboard_image.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <vector>

#include "core/error.h"

extern char** environ;

namespace tftsr::gui {

namespace {
bool on_path(const std::string& program) {
  const char* path = std::getenv("PATH");
  if (!path) return false;
  std::stringstream dirs(path);
  std::string dir;
  while (std::getline(dirs, dir, ':'))
    if (!dir.empty() && ::access((std::filesystem::path(dir) / program).c_str(), X_OK) == 0) return true;
  return false;
}

// A screenshot is a few MB; more than this is not a screenshot the store would accept anyway.
constexpr std::size_t kMaxClipboardBytes = 64u << 20;
}  // namespace

std::optional<ClipboardTool> find_clipboard_tool() {
  const char* wayland = std::getenv("WAYLAND_DISPLAY");
  if (wayland && *wayland && on_path("wl-paste")) return ClipboardTool{"wl-paste"};
  if (on_path("xclip")) return ClipboardTool{"xclip"};
  if (on_path("wl-paste")) return ClipboardTool{"wl-paste"};
  return std::nullopt;
}

const char* clipboard_tool_missing_message() {
  return "Pasting a screenshot needs xclip (X11) or wl-clipboard (Wayland). Install one, or save the "
         "screenshot to a file and drop it on the window.";
}

std::string read_clipboard_image(const ClipboardTool& tool) {
  std::vector<std::string> args;
  if (tool.program == "wl-paste")
    args = {"wl-paste", "--no-newline", "--type", "image/png"};
  else
    args = {"xclip", "-selection", "clipboard", "-t", "image/png", "-o"};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  int out[2];
  if (::pipe2(out, O_CLOEXEC) != 0) throw Error(ErrorKind::Io, "Could not open a pipe to read the clipboard.");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  // The helpers' complaints ("target image/png not available") are not for the terminal.
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  const int rc = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(out[1]);
  if (rc != 0) {
    ::close(out[0]);
    throw Error(ErrorKind::Io, "Could not start " + tool.program + " to read the clipboard.");
  }
  std::string bytes;
  char buf[65536];
  bool too_big = false;
  for (ssize_t n; (n = ::read(out[0], buf, sizeof buf)) > 0;) {
    if (bytes.size() + static_cast<std::size_t>(n) > kMaxClipboardBytes) {
      too_big = true;
      break;
    }
    bytes.append(buf, static_cast<std::size_t>(n));
  }
  ::close(out[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (too_big) throw Error(ErrorKind::InvalidInput, "The image on the clipboard is larger than 64 MB.");
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || bytes.empty())
    throw Error(ErrorKind::NotFound, "The clipboard holds no image. Copy a screenshot first, then paste.");
  return bytes;
}

}  // namespace tftsr::gui
