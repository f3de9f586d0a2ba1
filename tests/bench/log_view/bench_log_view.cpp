// Benchmark of the log view over a big log. Usage: bench_log_view [--mib N] (default 1024)
// Generates the log in a temporary folder, imports and scans it with Triage, then draws the view
// headless: time to the first screen while the line index is still being built, index build
// time and size, frame times while scrolling and jumping, resident memory.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <imgui.h>

#include "app/gui/app_state.h"
#include "app/gui/headless_context.h"
#include "app/gui/views/log_view.h"
#include "tests/support/resident_memory.h"
#include "tests/support/timing.h"

using namespace tftsr;
using namespace tftsr::gui;
using Clock = tftsr::test::BenchClock;

namespace {

using test::ms_since;
using test::resident_mib;

using Stats = test::TimingStats;
Stats stats_of(std::vector<double> v) { return test::timing_stats(std::move(v)); }

// Lines of ~120 bytes without anything that looks like personal data, except one e-mail address
// every `every` lines.
std::int64_t write_log(const std::filesystem::path& path, std::int64_t bytes, int every) {
  std::ofstream out(path, std::ios::binary);
  static const char* levels[] = {"INFO ", "INFO ", "INFO ", "DEBUG", "WARN ", "ERROR", "TRACE"};
  static const char* words[] = {"request handled", "cache refreshed", "queue drained", "job finished", "retrying call",
                                "session renewed", "batch committed"};
  std::mt19937 rng(7);
  std::string buf;
  std::int64_t written = 0, line = 0;
  char text[256];
  while (written < bytes) {
    const int n = std::snprintf(text, sizeof text, "2024-05-01 10:%02d:%02d,%03d %s [worker-%d] %s in %d ms, status ok, items %d%s\n",
                                static_cast<int>(line / 60 % 60), static_cast<int>(line % 60), static_cast<int>(line % 1000),
                                levels[rng() % 7], static_cast<int>(rng() % 16), words[rng() % 7], static_cast<int>(rng() % 900),
                                static_cast<int>(rng() % 5000), line % every == 0 ? " owner user.name@example.com" : "");
    buf.append(text, static_cast<std::size_t>(n));
    written += n;
    ++line;
    if (buf.size() > (4u << 20)) {
      out << buf;
      buf.clear();
    }
  }
  out << buf;
  return line;
}

struct Bench {
  WorkerPool pool{2};
  UiConfig config;
  AppState state{pool, config};
  HeadlessContext context{ImVec2(1600, 900)};
  std::unique_ptr<LogView> view;

  double frame() {
    const auto t = Clock::now();
    context.frame([&] {
      pool.drain();
      ImGui::SetNextWindowPos(ImVec2(0, 0));
      ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
      ImGui::Begin("bench", nullptr, ImGuiWindowFlags_NoDecoration);
      view->draw(state);
      ImGui::End();
    });
    return ms_since(t);
  }
};

}  // namespace

int main(int argc, char** argv) {
  std::int64_t mib = 1024;
  for (int i = 1; i + 1 < argc; ++i)
    if (std::string(argv[i]) == "--mib") mib = std::atoll(argv[i + 1]);
  const std::int64_t bytes = mib << 20;
  const int every = std::max<int>(1, static_cast<int>(bytes / 120 / 100000));  // ~100,000 findings

  const auto dir = std::filesystem::temp_directory_path() / ("tftsr-bench-log-view-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  struct Cleanup {
    std::filesystem::path p;
    ~Cleanup() {
      std::error_code ec;
      std::filesystem::remove_all(p, ec);
    }
  } cleanup{dir};

  std::printf("bench_log_view: %lld MiB log, one finding every %d lines\n", static_cast<long long>(mib), every);
  auto t = Clock::now();
  const std::int64_t lines = write_log(dir / "big.log", bytes, every);
  std::printf("  generate           %8.0f ms  (%lld lines)\n", ms_since(t), static_cast<long long>(lines));
  // The log a user imports is already on disk: do not let its write-back compete with the import.
  ::sync();

  Bench b;
  b.state.triage = Triage::open(dir / "data", "bench passphrase");
  b.state.mono_font = b.context.mono_font();
  NewIncident in;
  in.title = "Bench";
  in.severity = "P3";
  const Incident issue = b.state.triage->incidents().create(in);
  t = Clock::now();
  const LogFile log = b.state.triage->logs().add(issue.id, dir / "big.log");
  std::printf("  import             %8.0f ms  (%.0f MiB/s)\n", ms_since(t), static_cast<double>(mib) / (ms_since(t) / 1000.0));
  std::filesystem::remove(dir / "big.log");
  t = Clock::now();
  std::printf("  scan               %8.0f ms  (%zu findings)\n", ms_since(t), static_cast<std::size_t>(b.state.triage->logs().scan(log.id).total));
  const double rss_before = resident_mib();

  // Open the view: the first screen must come while the index is still being built.
  b.view = std::make_unique<LogView>(b.state, log.id);
  t = Clock::now();
  double first_screen = -1, findings_ready = -1;
  std::int64_t lines_at_first_screen = 0;
  int frames = 0;
  while (!b.view->index_complete() || !b.view->findings_loaded()) {
    b.frame();
    ++frames;
    if (first_screen < 0 && b.view->end_drawn_line() > 0) {
      first_screen = ms_since(t);
      lines_at_first_screen = b.view->index().lines_known();
    }
    if (findings_ready < 0 && b.view->findings_loaded()) findings_ready = ms_since(t);
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  const double index_ms = ms_since(t);
  std::printf("  first screen       %8.1f ms  (%lld lines indexed by then)\n", first_screen,
              static_cast<long long>(lines_at_first_screen));
  std::printf("  findings loaded    %8.0f ms  (%.0f MiB resident once loaded)\n", findings_ready, resident_mib());
  std::printf("  index complete     %8.0f ms  (%lld lines, %.0f MiB/s, index %.2f MB)\n", index_ms,
              static_cast<long long>(b.view->index().lines_known()),
              static_cast<double>(mib) / (index_ms / 1000.0), static_cast<double>(b.view->index().memory_bytes()) / 1e6);
  if (b.view->index().lines_known() != lines) std::printf("  MISMATCH: generated %lld lines\n", static_cast<long long>(lines));

  // Scrolling: a page per frame down from the top, then random jumps across the whole log.
  std::vector<double> scroll, jumps;
  const std::int64_t total = b.view->index().lines_known();
  std::int64_t line = 0;
  const std::int64_t fetches_before = b.view->text_fetches();
  for (int i = 0; i < 600; ++i) {
    line += 3;  // three lines per frame, a mouse wheel's pace
    b.view->scroll_to_line(line);
    scroll.push_back(b.frame());
  }
  const std::int64_t scroll_fetches = b.view->text_fetches() - fetches_before;
  std::mt19937_64 rng(1);
  int misplaced = 0;
  for (int i = 0; i < 200; ++i) {
    const std::int64_t target = static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(total));
    b.view->scroll_to_line(target);
    jumps.push_back(b.frame() + b.frame());  // the scroll lands on the next frame
    if (target < b.view->first_drawn_line() || target >= b.view->end_drawn_line()) ++misplaced;
  }
  b.view->scroll_to_line(total - 1);
  b.frame();
  b.frame();
  const bool end_visible = b.view->end_drawn_line() == total;
  const Stats s = stats_of(scroll), j = stats_of(jumps);
  std::printf("  scroll frame       p50 %.2f ms  p95 %.2f ms  max %.2f ms  (%lld text reads in 600 frames)\n", s.p50, s.p95,
              s.max, static_cast<long long>(scroll_fetches));
  std::printf("  jump (2 frames)    p50 %.2f ms  p95 %.2f ms  max %.2f ms  (%d of 200 landed off screen)\n", j.p50, j.p95,
              j.max, misplaced);
  std::printf("  last line visible  %s\n", end_visible ? "yes" : "NO");
  std::printf("  resident memory    %.0f MiB before the view, %.0f MiB while viewing (window cache %.1f KB)\n", rss_before,
              resident_mib(), static_cast<double>(b.view->cached_text_bytes()) / 1e3);
  std::printf("  targets: first screen < 500 ms, index memory < 100 MB, frame p95 < 16.7 ms\n");
  b.view->cancel_jobs();
  b.pool.shutdown();
  b.pool.drain();
  return 0;
}
