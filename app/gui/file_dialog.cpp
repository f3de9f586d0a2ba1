#include "app/gui/file_dialog.h"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <sstream>
#include <vector>

#include "core/error.h"

extern char** environ;

namespace tftsr::gui {

std::optional<std::string> find_dialog_tool() {
  const char* path = std::getenv("PATH");
  if (!path) return std::nullopt;
  for (const char* tool : {"zenity", "kdialog"}) {
    std::stringstream dirs(path);
    std::string dir;
    while (std::getline(dirs, dir, ':')) {
      if (dir.empty()) continue;
      auto candidate = std::filesystem::path(dir) / tool;
      if (::access(candidate.c_str(), X_OK) == 0) return std::string(tool);
    }
  }
  return std::nullopt;
}

std::optional<std::filesystem::path> run_file_dialog(const std::string& tool, FileDialogMode mode,
                                                     const std::string& title,
                                                     const std::filesystem::path& suggestion) {
  std::vector<std::string> args;
  if (tool == "kdialog") {
    args = {"kdialog", "--title", title, mode == FileDialogMode::Save ? "--getsavefilename" : "--getopenfilename",
            suggestion.empty() ? "." : suggestion.string()};
  } else {
    args = {"zenity", "--file-selection", "--title=" + title};
    if (mode == FileDialogMode::Save) {
      args.push_back("--save");
      args.push_back("--confirm-overwrite");
    }
    if (!suggestion.empty()) args.push_back("--filename=" + suggestion.string());
  }
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  int out[2];
  if (::pipe(out) != 0) throw Error(ErrorKind::Io, "Could not open a pipe for the file dialog.");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, out[0]);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(out[1]);
  if (rc != 0) {
    ::close(out[0]);
    throw Error(ErrorKind::Io, "Could not start " + tool + " for the file dialog.");
  }
  std::string answer;
  char buf[4096];
  for (ssize_t n; (n = ::read(out[0], buf, sizeof buf)) > 0;) answer.append(buf, static_cast<std::size_t>(n));
  ::close(out[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  while (!answer.empty() && (answer.back() == '\n' || answer.back() == '\r')) answer.pop_back();
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || answer.empty()) return std::nullopt;  // cancelled
  return std::filesystem::path(answer);
}

}  // namespace tftsr::gui
