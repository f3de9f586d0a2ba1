#include "core/ai/hardware_probe.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <utility>

extern char** environ;

namespace tftsr::ai {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// Each "key : value" line of a /proc file, to `f(key, value)`; a blank line as ("", "").
template <class F>
void for_each_field(std::string_view text, F f) {
  while (!text.empty()) {
    const auto end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) {
      if (trim(line).empty()) f(std::string_view(), std::string_view());
      continue;
    }
    f(trim(line.substr(0, colon)), trim(line.substr(colon + 1)));
  }
}

std::int64_t leading_int(std::string_view s) {
  std::int64_t n = 0;
  bool any = false;
  for (char c : s) {
    if (c < '0' || c > '9') break;
    if (n > (INT64_MAX - 9) / 10) return 0;  // nonsense: treat as unknown
    n = n * 10 + (c - '0');
    any = true;
  }
  return any ? n : 0;
}

std::string read_small_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  std::string out(64 * 1024, '\0');
  in.read(out.data(), static_cast<std::streamsize>(out.size()));
  out.resize(static_cast<std::size_t>(in.gcount()));
  return out;
}

std::string vendor_name(std::string_view id) {
  if (id == "0x10de") return "NVIDIA";
  if (id == "0x1002") return "AMD";
  if (id == "0x8086") return "Intel";
  return std::string(id);
}

// The program's full path: as given when it holds a slash, else the first match in PATH.
std::string find_program(const std::string& name) {
  if (name.empty()) return {};
  if (name.find('/') != std::string::npos) return ::access(name.c_str(), X_OK) == 0 ? name : std::string();
  const char* path = std::getenv("PATH");
  std::string_view dirs = path ? path : "";
  while (!dirs.empty()) {
    const auto colon = dirs.find(':');
    const std::string dir(dirs.substr(0, colon));
    dirs = colon == std::string_view::npos ? std::string_view() : dirs.substr(colon + 1);
    if (dir.empty()) continue;
    const std::string candidate = dir + "/" + name;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return {};
}

// Runs the program and returns what it printed; empty when it failed or took longer than 5 s
// (a wedged driver can make nvidia-smi hang, and the probe must not).
std::string run_for_output(const std::string& program, std::vector<std::string> args) {
  int out[2];
  if (::pipe2(out, O_CLOEXEC) != 0) return {};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  args.insert(args.begin(), program);
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(out[1]);
  if (rc != 0) {
    ::close(out[0]);
    return {};
  }
  std::string text;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  bool timed_out = false;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      timed_out = true;
      break;
    }
    pollfd p{out[0], POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
    char buffer[4096];
    const ssize_t n = ::read(out[0], buffer, sizeof buffer);
    if (n <= 0) break;
    if (text.size() < 64 * 1024) text.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(out[0]);
  if (timed_out) ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (timed_out || !WIFEXITED(status) || WEXITSTATUS(status) != 0) return {};
  return text;
}

std::vector<GpuInfo> read_drm(const std::filesystem::path& sys) {
  std::vector<GpuInfo> out;
  std::error_code ec;
  const auto drm = sys / "class" / "drm";
  std::vector<std::filesystem::path> cards;
  for (std::filesystem::directory_iterator it(drm, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    // card0, card1...; card0-DP-1 and the like are connectors of those.
    if (name.rfind("card", 0) == 0 && name.size() > 4 &&
        std::all_of(name.begin() + 4, name.end(), [](unsigned char c) { return std::isdigit(c); }))
      cards.push_back(it->path());
  }
  std::sort(cards.begin(), cards.end());
  for (const auto& card : cards) {
    const auto device = card / "device";
    const std::string vendor_id(trim(read_small_file(device / "vendor")));
    if (vendor_id.empty()) continue;
    GpuInfo gpu;
    gpu.vendor = vendor_name(vendor_id);
    gpu.source = "sysfs";
    const std::string product(trim(read_small_file(device / "product_name")));
    const std::string device_id(trim(read_small_file(device / "device")));
    gpu.name = !product.empty() ? product : gpu.vendor + " GPU" + (device_id.empty() ? "" : " " + device_id);
    gpu.vram_bytes = leading_int(trim(read_small_file(device / "mem_info_vram_total")));
    out.push_back(std::move(gpu));
  }
  return out;
}

}  // namespace

std::int64_t HardwareInfo::largest_vram() const {
  std::int64_t most = 0;
  for (const auto& g : gpus) most = std::max(most, g.vram_bytes);
  return most;
}

void read_meminfo(std::string_view text, HardwareInfo& into) {
  for_each_field(text, [&](std::string_view key, std::string_view value) {
    // Values are in kB (kibibytes, whatever the unit says).
    if (key == "MemTotal") into.ram_total_bytes = leading_int(value) * 1024;
    if (key == "MemAvailable") into.ram_available_bytes = leading_int(value) * 1024;
  });
}

void read_cpuinfo(std::string_view text, HardwareInfo& into) {
  int threads = 0;
  std::set<std::pair<std::string, std::string>> cores;  // (physical id, core id)
  std::string physical, core, arm_model;
  auto end_block = [&] {
    if (!core.empty()) cores.emplace(physical, core);
    physical.clear();
    core.clear();
  };
  for_each_field(text, [&](std::string_view key, std::string_view value) {
    if (key.empty()) return end_block();
    if (key == "processor") ++threads;
    if (key == "model name" && into.cpu_model.empty()) into.cpu_model = value;
    if ((key == "Hardware" || key == "Model") && arm_model.empty()) arm_model = value;  // ARM boards
    if (key == "physical id") physical = value;
    if (key == "core id") core = value;
  });
  end_block();
  if (into.cpu_model.empty()) into.cpu_model = arm_model;
  into.cpu_threads = threads;
  into.cpu_cores = cores.empty() ? threads : static_cast<int>(cores.size());
}

std::vector<GpuInfo> read_nvidia_smi(std::string_view text) {
  std::vector<GpuInfo> out;
  std::istringstream lines{std::string(text)};
  for (std::string line; std::getline(lines, line);) {
    const auto comma = line.rfind(',');
    if (comma == std::string::npos) continue;
    GpuInfo gpu;
    gpu.name = trim(std::string_view(line).substr(0, comma));
    const std::int64_t mib = leading_int(trim(std::string_view(line).substr(comma + 1)));
    if (gpu.name.empty()) continue;
    gpu.vendor = "NVIDIA";
    gpu.vram_bytes = mib * 1024 * 1024;
    gpu.source = "nvidia-smi";
    out.push_back(std::move(gpu));
  }
  return out;
}

HardwareInfo probe_hardware(const HardwareProbeRoots& roots) {
  HardwareInfo info;
  read_meminfo(read_small_file(roots.proc / "meminfo"), info);
  // cpuinfo grows with the cores (about 1 kB each): read it whole.
  {
    std::ifstream in(roots.proc / "cpuinfo", std::ios::binary);
    std::stringstream s;
    if (in) s << in.rdbuf();
    read_cpuinfo(s.str(), info);
  }
  std::vector<GpuInfo> nvidia;
  if (const std::string smi = find_program(roots.nvidia_smi); !smi.empty())
    nvidia = read_nvidia_smi(run_for_output(smi, {"--query-gpu=name,memory.total", "--format=csv,noheader,nounits"}));
  for (auto& gpu : read_drm(roots.sys)) {
    if (gpu.vendor == "NVIDIA" && !nvidia.empty()) continue;  // nvidia-smi told more about it
    info.gpus.push_back(std::move(gpu));
  }
  for (auto& gpu : nvidia) info.gpus.push_back(std::move(gpu));
  return info;
}

std::string format_bytes(std::int64_t bytes) {
  char buffer[32];
  if (bytes >= 1'000'000'000)
    std::snprintf(buffer, sizeof buffer, "%.1f GB", static_cast<double>(bytes) / 1e9);
  else if (bytes >= 1'000'000)
    std::snprintf(buffer, sizeof buffer, "%.0f MB", static_cast<double>(bytes) / 1e6);
  else if (bytes >= 1000)
    std::snprintf(buffer, sizeof buffer, "%.0f kB", static_cast<double>(bytes) / 1e3);
  else
    std::snprintf(buffer, sizeof buffer, "%lld B", static_cast<long long>(bytes));
  return buffer;
}

}  // namespace tftsr::ai
