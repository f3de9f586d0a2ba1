// bench_patterns_speed [--mib N] [--gib G] [FILE]: pattern mining speed and memory.
//   1. the miner in memory on one core, on a deterministic mixed log of N MiB (default 256);
//   2. the real `tftsr patterns FILE` (and `--json`, with one id per line) on that file;
//   3. `tftsr patterns FILE` on a G GiB log (default 1; 0 skips), for its peak resident memory;
//   4. the miner on U distinct lines of random words (--unique U, default 2,000,000; 0 skips),
//      which no template fits: CPU time, comparisons per line, templates (the cap is 20,000).
// Prints wall and CPU time, MB/s and peak RSS. Targets: >= 100 MB/s on one core, <= 300 MB for 1 GiB.
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/patterns/line_splitter.h"
#include "core/patterns/pattern_miner.h"
#include "tests/bench/pii/mixed_log_generator.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Run {
  double wall = 0, cpu = 0;
  long peak_kb = 0;
  int status = 0;
};

double seconds(const timeval& tv) { return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) * 1e-6; }

Run run(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const auto t0 = Clock::now();
  const pid_t pid = fork();
  if (pid == 0) {
    const int n = ::open("/dev/null", O_WRONLY);
    dup2(n, 1);
    dup2(n, 2);
    execvp(argv[0], argv.data());
    _exit(127);
  }
  Run r;
  rusage ru{};
  wait4(pid, &r.status, 0, &ru);
  r.wall = std::chrono::duration<double>(Clock::now() - t0).count();
  r.cpu = seconds(ru.ru_utime) + seconds(ru.ru_stime);
  r.peak_kb = ru.ru_maxrss;
  return r;
}

void print(const char* what, const Run& r, double mb) {
  std::printf("%-40s %7.2f s %8.1f MB/s wall  %7.2f s CPU %8.1f MB/s of CPU  peak %7.1f MB%s\n", what, r.wall,
              mb / r.wall, r.cpu, mb / r.cpu, static_cast<double>(r.peak_kb) / 1024.0,
              WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0 ? "" : "  (FAILED)");
}

double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// Writes `bytes` of the mixed log in 64 MiB parts of different seeds, never all in memory.
void generate(const std::filesystem::path& path, std::size_t bytes) {
  std::ofstream out(path, std::ios::binary);
  for (unsigned seed = 1; bytes > 0; ++seed) {
    const std::size_t part = std::min<std::size_t>(bytes, std::size_t{64} << 20);
    const std::string text = tftsr::bench::generate_mixed_log(part, seed);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    bytes -= std::min(bytes, text.size());
  }
}

// U lines of 4 to 11 random lower-case words (xorshift, fixed seed): every line distinct.
void mine_distinct_lines(std::size_t count) {
  std::uint64_t state = 0x9E3779B97F4A7C15ull;
  auto next = [&] {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  };
  tftsr::patterns::PatternMiner miner;
  std::string line;
  std::size_t bytes = 0;
  const double c0 = thread_cpu_seconds();
  for (std::size_t i = 0; i < count; ++i) {
    line.clear();
    const int words = 4 + static_cast<int>(next() % 8);
    for (int w = 0; w < words; ++w) {
      if (w) line += ' ';
      const int letters = 3 + static_cast<int>(next() % 7);
      for (int k = 0; k < letters; ++k) line += static_cast<char>('a' + next() % 26);
    }
    bytes += line.size() + 1;
    miner.add_line(line);
  }
  const auto comparisons = miner.comparisons();
  const auto report = miner.finish();
  const double cpu = thread_cpu_seconds() - c0;
  std::printf("%-40s %7.2f s CPU %8.1f MB/s  (%zu lines, %.1f comparisons a line, %zu templates)\n",
              ("miner on " + std::to_string(count) + " distinct lines").c_str(), cpu,
              static_cast<double>(bytes) / 1e6 / cpu, count,
              static_cast<double>(comparisons) / static_cast<double>(count ? count : 1), report.templates.size());
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t mib = 256, gib = 1, unique = 2000000;
  std::filesystem::path file;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--mib") && i + 1 < argc) mib = std::strtoull(argv[++i], nullptr, 10);
    else if (!std::strcmp(argv[i], "--gib") && i + 1 < argc) gib = std::strtoull(argv[++i], nullptr, 10);
    else if (!std::strcmp(argv[i], "--unique") && i + 1 < argc) unique = std::strtoull(argv[++i], nullptr, 10);
    else file = argv[i];
  }
  const auto work = std::filesystem::temp_directory_path() / ("tftsr_bench_patterns_" + std::to_string(getpid()));
  std::filesystem::create_directories(work);
  if (file.empty()) {
    file = work / "mixed.log";
    std::printf("generating %zu MiB mixed log ...\n", mib);
    std::fflush(stdout);
    generate(file, mib << 20);
  }
  const double mb = static_cast<double>(std::filesystem::file_size(file)) / 1e6;
  std::printf("input: %.1f MB\n", mb);

  {  // In memory, one core: split and mine, best of 2.
    std::string text;
    {
      std::ifstream in(file, std::ios::binary);
      text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    double best = 1e9;
    std::size_t templates = 0;
    std::int64_t lines = 0;
    for (int i = 0; i < 2; ++i) {
      const double c0 = thread_cpu_seconds();
      tftsr::patterns::PatternMiner miner;
      tftsr::patterns::LineSplitter splitter(4096);
      auto add = [&](std::string_view line, bool cut) { miner.add_line(line, cut); };
      splitter.feed(text, add);
      splitter.finish(add);
      const auto report = miner.finish();
      best = std::min(best, thread_cpu_seconds() - c0);
      templates = report.templates.size();
      lines = report.line_count;
    }
    std::printf("%-40s %7.2f s CPU %8.1f MB/s  (%lld lines, %zu templates)\n", "miner in memory, one core (best of 2)",
                best, mb / best, static_cast<long long>(lines), templates);
  }

  const std::string bin = TFTSR_BINARY;
  print("tftsr patterns FILE", run({bin, "patterns", file.string()}), mb);
  print("tftsr patterns FILE --json (ids per line)", run({bin, "patterns", file.string(), "--json"}), mb);

  if (gib > 0) {
    const auto big = work / "big.log";
    std::printf("generating %zu GiB mixed log ...\n", gib);
    std::fflush(stdout);
    generate(big, gib << 30);
    const double big_mb = static_cast<double>(std::filesystem::file_size(big)) / 1e6;
    print("tftsr patterns FILE (1 GiB class)", run({bin, "patterns", big.string()}), big_mb);
  }
  std::filesystem::remove_all(work);
  if (unique > 0) mine_distinct_lines(unique);
  return 0;
}
