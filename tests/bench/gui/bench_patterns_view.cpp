// Benchmark of the patterns tab over a big log. Usage: BENCH_MIB=N bench_patterns_view (default 1024)
// Generates a mixed log, imports it, and drives the real shell headless as a user would: opens
// the log's patterns tab (mining runs on the worker pool), sorts by each column, types in the
// filter, clicks the biggest error pattern (the log opens filtered to its lines), and opens the
// incident's overview (the triage summary). Prints the frame times of each step: the target is
// that no frame stalls (every frame under 16.7 ms, the refresh of a 60 Hz screen).
// Built as a doctest program for the UI driver's checks; it is not a ctest test.
#include <doctest/doctest.h>

#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "app/gui/views/incident_view.h"
#include "app/gui/views/log_view.h"
#include "app/gui/views/patterns_view.h"
#include "tests/bench/pii/mixed_log_generator.h"
#include "tests/support/resident_memory.h"
#include "tests/support/timing.h"
#include "tests/support/ui_driver/ui_fixture.h"

using namespace tftsr;
using namespace tftsr::gui;
using namespace tftsr::gui::test;
using Clock = tftsr::test::BenchClock;
using tftsr::test::ms_since;
using tftsr::test::resident_mib;

namespace {

std::int64_t bench_mib() {
  const char* v = std::getenv("BENCH_MIB");
  return v ? std::atoll(v) : 1024;
}

// The shell's frames, each timed, while `recording` is set.
struct TimedShell {
  UiFixture f;
  std::vector<double> frames;
  std::vector<double> cpu;  // of the UI thread in each frame: the rest of a frame is waiting
  bool recording = false;

  TimedShell() {
    f.ui.reset();  // the driver turns the probe off when it goes
    f.ui = std::make_unique<UiDriver>(f.context, [this] {
      const auto t = Clock::now();
      timespec c0{}, c1{};
      clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c0);
      f.shell->frame();
      clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c1);
      const double cpu_ms = static_cast<double>(c1.tv_sec - c0.tv_sec) * 1e3 + static_cast<double>(c1.tv_nsec - c0.tv_nsec) / 1e6;
      if (!recording) return;
      frames.push_back(ms_since(t));
      cpu.push_back(cpu_ms);
    });
  }
  void start() {
    frames.clear();
    cpu.clear();
    recording = true;
  }
  void report(const char* step) {
    recording = false;
    const tftsr::test::TimingStats s = tftsr::test::timing_stats(frames), c = tftsr::test::timing_stats(cpu);
    const auto over = std::count_if(frames.begin(), frames.end(), [](double ms) { return ms > 16.7; });
    std::printf("  %-34s %5zu frames  p50 %5.2f  p95 %5.2f  max %6.2f ms (UI thread CPU p95 %5.2f max %6.2f ms)  %ld over 16.7 ms\n",
                step, frames.size(), s.p50, s.p95, s.max, c.p95, c.max, static_cast<long>(over));
  }
};

// A word of letters only (the miner keeps it as a constant), the n-th of a made-up vocabulary.
std::string word(std::uint32_t n) {
  std::string w;
  for (int i = 0; i < 3 || n > 0; ++i, n /= 26) w += static_cast<char>('a' + n % 26);
  return w;
}

// A line of one of `kinds` message kinds, each its own sequence of 5 to 11 words, with a request
// number and a duration as the variables: thousands of patterns, as a busy service has.
std::string diverse_line(std::mt19937& rng, std::uint32_t kinds, std::int64_t line) {
  static const char* levels[] = {"INFO", "INFO", "DEBUG", "WARN", "ERROR"};
  const std::uint32_t kind = rng() % kinds;
  std::mt19937 words(kind);
  std::string text = "2024-05-01 " + std::to_string(10 + line / 3600000 % 10) + ":" + std::to_string(10 + line / 60000 % 50) +
                     ":" + std::to_string(10 + line / 1000 % 50) + " " + levels[kind % 5] + " [" + word(kind % 40) + "] ";
  for (std::uint32_t i = 0, n = 5 + kind % 7; i < n; ++i) text += word(words() % 5000) + " ";
  text += "request " + std::to_string(rng() % 100000) + " in " + std::to_string(rng() % 900) + " ms\n";
  return text;
}

// The generated mixed log (few patterns) with one line in four from thousands of message kinds.
void write_log(const std::filesystem::path& path, std::int64_t bytes) {
  std::ofstream out(path, std::ios::binary);
  constexpr std::size_t kBlock = 48u << 20;
  std::mt19937 rng(3);
  std::int64_t written = 0, line = 0;
  for (unsigned seed = 1; written < bytes; ++seed) {
    const std::string block = bench::generate_mixed_log(kBlock, seed);
    std::string mixed;
    mixed.reserve(block.size() * 4 / 3);
    for (std::size_t at = 0; at < block.size() && written + static_cast<std::int64_t>(mixed.size()) < bytes;) {
      const std::size_t end = block.find('\n', at);
      const std::size_t next = end == std::string::npos ? block.size() : end + 1;
      mixed.append(block, at, next - at);
      at = next;
      if (++line % 3 == 0) mixed += diverse_line(rng, 3000, line);
    }
    out << mixed;
    written += static_cast<std::int64_t>(mixed.size());
  }
}

}  // namespace

TEST_CASE("bench: the patterns tab of a big log") {
  const std::int64_t mib = bench_mib();
  TimedShell b;
  b.f.config.sidebar_width = b.f.config.inspector_width = 220.0f;
  b.f.wait_unlocked();
  std::printf("bench_patterns_view: %lld MiB mixed log, 1280x800 headless shell\n", static_cast<long long>(mib));

  auto t = Clock::now();
  const auto path = b.f.dir.path() / "big.log";
  write_log(path, mib << 20);
  std::printf("  generate           %8.0f ms\n", ms_since(t));
  Triage& triage = *b.f.shell->state().triage;
  const Incident incident = triage.incidents().create(NewIncident{"Checkout outage", "P2", std::nullopt, std::nullopt});
  t = Clock::now();
  const LogFile log = triage.logs().add(incident.id, path);
  std::printf("  import             %8.0f ms\n", ms_since(t));
  std::filesystem::remove(path);
  b.f.shell->state().changed();
  b.f.ui->frame(2);

  // Mining: the tab must keep drawing while the worker mines.
  b.start();
  t = Clock::now();
  b.f.shell->state().open_tab({PatternsView::kKind, log.id});
  PatternsView* view = nullptr;
  REQUIRE(b.f.ui->frames_until([&] {
    view = b.f.shell->find_view<PatternsView>(log.id);
    return view && view->loaded();
  }, 600000));
  const double mining_ms = ms_since(t);
  b.report("patterns tab while mining");
  std::printf("  mined              %8.0f ms  (%.0f MiB/s, %zu patterns, %.0f MiB resident)\n", mining_ms,
              static_cast<double>(mib) / (mining_ms / 1000.0), view->mined()->rows.size(), resident_mib());

  b.start();
  for (const char* column : {"Level", "Pattern", "First seen", "Last seen", "Count"}) {
    b.f.ui->click(std::string("patterns.sort:") + column);
    b.f.ui->click(std::string("patterns.sort:") + column);
  }
  b.f.ui->click("patterns.sort:Count");  // back to most lines first
  b.report("sorting by each column, twice");

  b.start();
  b.f.ui->click("patterns.filter");
  for (const char c : std::string("error")) b.f.ui->type(std::string(1, c));
  b.report("typing in the filter");
  const std::size_t matching = view->shown().size();
  b.f.ui->click("patterns.filter");
  for (int i = 0; i < 5; ++i) b.f.ui->press(259 /* GLFW_KEY_BACKSPACE */);
  b.f.ui->frame(2);

  // The biggest error pattern, opened in the log filtered to its lines.
  const PatternRow* error = nullptr;
  for (const std::size_t i : view->shown()) {
    const PatternRow& row = view->mined()->rows[i];
    if (row.pattern.level >= patterns::LogLevel::Error && (!error || row.pattern.count > error->pattern.count)) error = &row;
  }
  REQUIRE(error != nullptr);
  const std::string error_text = error->pattern.text;
  const std::int64_t error_count = error->pattern.count;
  std::printf("  filter \"error\" kept %zu patterns; biggest error pattern: %lld lines\n", matching,
              static_cast<long long>(error_count));
  b.f.ui->click("patterns.filter");
  b.f.ui->type(error_text);  // the row on screen, whatever the sort
  b.f.ui->frame(2);
  b.start();
  t = Clock::now();
  b.f.ui->click("patterns.row:" + error_text);
  LogView* log_view = nullptr;
  double first_lines_ms = -1;
  REQUIRE(b.f.ui->frames_until([&] {
    log_view = b.f.shell->find_view<LogView>(log.id);
    if (log_view && first_lines_ms < 0 && log_view->filtered()) first_lines_ms = ms_since(t);
    return log_view && log_view->filtered() && !log_view->busy();
  }, 600000));
  const double filtered_ms = ms_since(t);
  b.report("log filtered to the error pattern");
  std::printf("  filtered lines     %8.0f ms  (first lines shown at %.0f ms, %zu lines)\n", filtered_ms, first_lines_ms,
              log_view->filter_result() ? log_view->filter_result()->lines.size() : 0u);

  // The incident's overview: its triage summary reads the stored patterns.
  b.start();
  t = Clock::now();
  b.f.shell->state().open_tab({IncidentView::kKind, incident.id});
  REQUIRE(b.f.ui->frames_until([&] { return b.f.ui->has("triage.start") && !b.f.ui->has("triage.progress"); }, 600000));
  b.report("incident overview, triage summary");
  std::printf("  summary shown      %8.0f ms\n", ms_since(t));
  std::printf("  resident at the end %7.0f MiB\n", resident_mib());
  std::printf("  target: no frame over 16.7 ms in any step\n");
}
