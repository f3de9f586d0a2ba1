// Scan speed of the PII detector: bench_pii [FILE]. Without FILE, a deterministic ~256 MB mixed
// log is generated in the temporary directory. Prints MB/s and finding counts, then (if ripgrep
// is on PATH) ripgrep's speed running 12 typical PII patterns one after another on the same file.
#include <sys/resource.h>
#include <time.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>

#include "core/pii/detector.h"
#include "tests/support/temp_dir.h"
#include "mixed_log_generator.h"
#include "old_app_patterns.h"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

using tftsr::test::read_file;

// CPU time of this thread: on a busy machine, wall time also counts the time other processes ran.
double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

double children_cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_CHILDREN, &usage);
  auto seconds = [](const timeval& tv) { return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) * 1e-6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

bool ripgrep_available() { return std::system("rg --version > /dev/null 2>&1") == 0; }

void run_ripgrep(const std::filesystem::path& file, double megabytes) {
  const auto& patterns = tftsr::bench::kOldAppPatterns;
  // -j1: one thread, as the detector uses one core.
  double total = 0, total_cpu = 0;
  for (const char* p : patterns) {
    const std::string command = "rg --no-config -j1 -c -e '" + std::string(p) + "' '" + file.string() + "' > /dev/null";
    const auto t0 = Clock::now();
    const double cpu0 = children_cpu_seconds();
    const int rc = std::system(command.c_str());
    const double s = seconds_since(t0), cpu = children_cpu_seconds() - cpu0;
    total += s;
    total_cpu += cpu;
    std::printf("  rg %-58.58s %7.1f MB/s wall, %7.1f MB/s CPU%s\n", p, megabytes / s, megabytes / cpu,
                rc == 0 || rc == 256 ? "" : " (failed)");
  }
  std::printf("ripgrep, 12 patterns one after another: %.2f s, %.1f MB/s of log wall, %.1f MB/s of CPU time\n", total,
              megabytes / total, megabytes / total_cpu);
}

}  // namespace

int main(int argc, char** argv) {
  std::filesystem::path file;
  bool generated = false;
  if (argc > 1) {
    file = argv[1];
  } else {
    file = std::filesystem::temp_directory_path() / "tftsr_bench_pii_mixed.log";
    std::cout << "generating " << file.string() << " ..." << std::endl;
    const std::string log = tftsr::bench::generate_mixed_log(std::size_t{256} << 20);
    std::ofstream(file, std::ios::binary).write(log.data(), static_cast<std::streamsize>(log.size()));
    generated = true;
  }
  const std::string text = read_file(file);
  const double megabytes = static_cast<double>(text.size()) / 1e6;
  std::printf("input: %.1f MB\n", megabytes);

  auto t0 = Clock::now();
  const tftsr::pii::PiiDetector detector;
  std::printf("pattern compilation: %.1f ms\n", seconds_since(t0) * 1e3);

  double best = 1e9, best_cpu = 1e9;
  std::size_t count = 0;
  std::map<std::string, std::size_t> per_type;
  for (int run = 0; run < 3; ++run) {
    t0 = Clock::now();
    const double cpu0 = thread_cpu_seconds();
    const auto findings = detector.scan(text);
    best_cpu = std::min(best_cpu, thread_cpu_seconds() - cpu0);
    best = std::min(best, seconds_since(t0));
    count = findings.size();
    if (run == 0) {
      for (const auto& f : findings) ++per_type[std::string(tftsr::pii::pii_type_name(f.type))];
    }
  }
  std::printf("tftsr scan (best of 3, one core): %.3f s, %.1f MB/s wall, %.1f MB/s of CPU time, %zu findings\n", best,
              megabytes / best, megabytes / best_cpu, count);
  for (const auto& [type, n] : per_type) std::printf("  %-20s %zu\n", type.c_str(), n);

  if (ripgrep_available()) {
    run_ripgrep(file, megabytes);
  } else {
    std::printf("ripgrep not found on PATH: no comparison\n");
  }
  if (generated) std::filesystem::remove(file);
  return 0;
}
