// What a user feels: bench_scan_end_to_end [--mib N] [--sparse] [--rounds R] [FILE]. Runs the real
// tftsr binary on a log (without FILE, a deterministic mixed log of N MiB, default 256, generated
// in the temporary directory; --sparse: the same mix without host fields on the clean syslog lines,
// about a fifth of the findings). Each of R rounds (default 3) runs, back to back: the in-memory
// scanner (one core), `scan FILE`, ripgrep running the old app's 12 patterns one after another,
// `redact FILE`, then `log add`, `log scan` (scan of the stored log, storing its findings) and
// `log redact` in a fresh data directory. Prints each round's figures (wall time, MB/s of log, CPU
// time, peak resident memory) and its ratio of `scan FILE` to ripgrep, then the fastest, median
// and slowest of the rounds. A ratio is taken within one round, a few seconds apart: this
// machine's speed drifts by more than the differences measured, over minutes.
#include <sys/resource.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "core/pii/detector.h"
#include "tests/support/temp_dir.h"
#include "tests/bench/pii/mixed_log_generator.h"
#include "tests/bench/pii/old_app_patterns.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Run {
  double wall = 0, cpu = 0;
  long peak_kb = 0;
  int status = 0;
};

double seconds(const timeval& tv) { return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) * 1e-6; }

// Runs argv with stdout to `out` (or /dev/null), stderr to /dev/null; measures what the child used.
Run run(const std::vector<std::string>& args, const std::string& out = "/dev/null") {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const auto t0 = Clock::now();
  const pid_t pid = fork();
  if (pid == 0) {
    const int o = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int n = ::open("/dev/null", O_WRONLY);
    dup2(o, 1);
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
  std::printf("%-44s %7.2f s %8.1f MB/s wall  %7.2f s CPU %8.1f MB/s of CPU  peak %6.1f MB%s\n", what, r.wall,
              mb / r.wall, r.cpu, mb / r.cpu, static_cast<double>(r.peak_kb) / 1024.0,
              WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0 ? "" : "  (FAILED)");
}

using tftsr::test::read_file;

// The "id" of the JSON object a command printed.
std::string json_id(const std::filesystem::path& path) {
  const std::string s = read_file(path);
  const auto at = s.find("\"id\": \"");
  if (at == std::string::npos) return {};
  return s.substr(at + 7, s.find('"', at + 7) - at - 7);
}

// One round's figures. Every figure of a round is measured within a few seconds of the others.
struct Round {
  double in_memory = 0;  // seconds, the in-memory scanner on one core
  Run scan_file, ripgrep, redact_file, log_add, log_scan, log_redact;
  std::string findings;  // the stored-log scan's summary line
  double ratio() const { return ripgrep.wall / scan_file.wall; }
};

// ripgrep running the old app's patterns one after another, as the old app did: the sum of the runs.
Run run_ripgrep(const std::filesystem::path& file) {
  Run all;
  for (const char* p : tftsr::bench::kOldAppPatterns) {
    const Run r = run({"rg", "--no-config", "-j1", "-c", "-e", p, file.string()});
    all.wall += r.wall;
    all.cpu += r.cpu;
    all.peak_kb = std::max(all.peak_kb, r.peak_kb);
    if (!WIFEXITED(r.status) || WEXITSTATUS(r.status) > 1) all.status = r.status;  // 1: no match
  }
  return all;
}

Round run_round(const std::string& bin, const std::filesystem::path& file, const std::filesystem::path& work,
                bool with_ripgrep) {
  Round r;
  {  // Gone before the commands run: a child's peak memory counts what this process holds at fork.
    const std::string text = read_file(file);
    const tftsr::pii::PiiDetector detector;
    // In pieces of whole lines the size of the pipeline's chunks, as the pipeline scans: one call
    // on the whole text ran slower here, which would flatter the pipeline.
    const auto t0 = Clock::now();
    for (std::size_t at = 0; at < text.size();) {
      std::size_t end = text.find('\n', std::min(text.size(), at + (std::size_t{4} << 20)));
      end = end == std::string::npos ? text.size() : end + 1;
      detector.scan(std::string_view(text).substr(at, end - at));
      at = end;
    }
    r.in_memory = std::chrono::duration<double>(Clock::now() - t0).count();
  }
  r.scan_file = run({bin, "scan", file.string(), "--json"});
  if (with_ripgrep) r.ripgrep = run_ripgrep(file);
  r.redact_file = run({bin, "redact", file.string(), "-o", (work / "redacted.log").string()});
  std::filesystem::remove(work / "redacted.log");

  const std::filesystem::path data = work / "data";  // fresh each round: a first scan, as a user's
  std::filesystem::remove_all(data);
  run({bin, "issue", "new", "--title", "bench", "--severity", "P3", "--data-dir", data.string(), "--json"},
      (work / "issue.json").string());
  const std::string issue = json_id(work / "issue.json");
  r.log_add = run({bin, "log", "add", issue, file.string(), "--data-dir", data.string(), "--json"},
                  (work / "log.json").string());
  const std::string log = json_id(work / "log.json");
  r.log_scan = run({bin, "log", "scan", log, "--data-dir", data.string()}, (work / "scan.txt").string());
  const std::string summary = read_file(work / "scan.txt");
  const auto nl = summary.rfind('\n', summary.size() - 2);
  r.findings = summary.substr(nl == std::string::npos ? 0 : nl + 1);
  if (!r.findings.empty() && r.findings.back() == '\n') r.findings.pop_back();
  r.log_redact = run({bin, "log", "redact", log, "--data-dir", data.string()});
  std::filesystem::remove_all(data);
  return r;
}

// The fastest, median and slowest of the rounds of one figure, by wall time.
void print_spread(const char* what, std::vector<Run> runs, double mb) {
  std::sort(runs.begin(), runs.end(), [](const Run& a, const Run& b) { return a.wall < b.wall; });
  const std::string name = what;
  print((name + ", fastest").c_str(), runs.front(), mb);
  if (runs.size() > 2) print((name + ", median").c_str(), runs[runs.size() / 2], mb);
  if (runs.size() > 1) print((name + ", slowest").c_str(), runs.back(), mb);
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t mib = 256;
  int rounds = 3;
  bool host_fields = true;
  std::filesystem::path file;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--mib") == 0 && i + 1 < argc) mib = std::strtoull(argv[++i], nullptr, 10);
    else if (std::strcmp(argv[i], "--rounds") == 0 && i + 1 < argc) rounds = std::max(1, std::atoi(argv[++i]));
    else if (std::strcmp(argv[i], "--sparse") == 0) host_fields = false;
    else file = argv[i];
  }
  const std::filesystem::path work = std::filesystem::temp_directory_path() / ("tftsr_bench_e2e_" + std::to_string(getpid()));
  std::filesystem::create_directories(work);
  if (file.empty()) {
    file = work / "mixed.log";
    std::cout << "generating " << mib << " MiB mixed log" << (host_fields ? "" : " (sparse: no host fields)")
              << " ..." << std::endl;
    const std::string log = tftsr::bench::generate_mixed_log(mib << 20, 42, host_fields);
    std::ofstream(file, std::ios::binary).write(log.data(), static_cast<std::streamsize>(log.size()));
  }
  const double mb = static_cast<double>(std::filesystem::file_size(file)) / 1e6;
  const std::string bin = TFTSR_BINARY;
  const bool with_ripgrep = std::system("rg --version > /dev/null 2>&1") == 0;
  std::printf("input: %.1f MB, %u cores online, %d rounds\n", mb, static_cast<unsigned>(sysconf(_SC_NPROCESSORS_ONLN)),
              rounds);
  if (!with_ripgrep) std::printf("ripgrep not found on PATH: no comparison\n");
  setenv("TFTSR_DB_KEY", "bench-passphrase", 1);

  std::vector<Round> all;
  for (int k = 1; k <= rounds; ++k) {
    const Round r = run_round(bin, file, work, with_ripgrep);
    std::printf("round %d\n", k);
    std::printf("  %-42s %7.2f s %8.1f MB/s wall\n", "in-memory scanner, one core, 4 MiB pieces", r.in_memory,
                mb / r.in_memory);
    print("  tftsr scan FILE --json", r.scan_file, mb);
    if (with_ripgrep) print("  ripgrep, 12 patterns one after another", r.ripgrep, mb);
    print("  tftsr redact FILE -o OUT", r.redact_file, mb);
    print("  tftsr log add", r.log_add, mb);
    print("  tftsr log scan (stored log, findings stored)", r.log_scan, mb);
    std::printf("    %s\n", r.findings.c_str());
    print("  tftsr log redact", r.log_redact, mb);
    if (with_ripgrep)
      std::printf("  scan FILE: %.1fx ripgrep, %.0f %% of the in-memory scanner\n", r.ratio(),
                  100.0 * r.in_memory / r.scan_file.wall);
    std::fflush(stdout);
    all.push_back(r);
  }

  std::printf("over %d rounds\n", rounds);
  auto figure = [&](Run Round::*member) {
    std::vector<Run> runs;
    for (const auto& r : all) runs.push_back(r.*member);
    return runs;
  };
  print_spread("tftsr scan FILE --json", figure(&Round::scan_file), mb);
  if (with_ripgrep) print_spread("ripgrep, 12 patterns", figure(&Round::ripgrep), mb);
  print_spread("tftsr redact FILE", figure(&Round::redact_file), mb);
  print_spread("tftsr log add", figure(&Round::log_add), mb);
  print_spread("tftsr log scan", figure(&Round::log_scan), mb);
  print_spread("tftsr log redact", figure(&Round::log_redact), mb);
  if (with_ripgrep) {
    std::vector<double> ratios;
    for (const auto& r : all) ratios.push_back(r.ratio());
    std::sort(ratios.begin(), ratios.end());
    std::printf("scan FILE against ripgrep, ratio within each round: lowest %.1fx, median %.1fx, highest %.1fx\n",
                ratios.front(), ratios[ratios.size() / 2], ratios.back());
  }
  std::error_code ec;
  std::filesystem::remove_all(work, ec);
  return 0;
}
