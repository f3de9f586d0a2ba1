#pragma once
// Runs a program the way a user's shell would, with extra environment and standard input, and
// collects its exit code and output. For end-to-end tests of the real binary.
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "tests/support/temp_dir.h"

namespace tftsr::test {

struct ProcessResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline ProcessResult run_process(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env = {},
                                 const std::string& stdin_text = {}, const std::vector<std::string>& unset = {},
                                 const std::function<void(pid_t)>& while_running = {}) {
  TempDir io;
  write_file(io / "in", stdin_text);
  pid_t pid = fork();
  if (pid == 0) {
    for (const auto& name : unset) unsetenv(name.c_str());
    for (const auto& [k, v] : env) setenv(k.c_str(), v.c_str(), 1);
    int in = open((io / "in").c_str(), O_RDONLY);
    int out = open((io / "out").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int err = open((io / "err").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(in, 0);
    dup2(out, 1);
    dup2(err, 2);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  if (while_running) while_running(pid);  // e.g. to interrupt it as a user would
  int status = 0;
  waitpid(pid, &status, 0);
  ProcessResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = read_file(io / "out");
  r.err = read_file(io / "err");
  return r;
}

}  // namespace tftsr::test
