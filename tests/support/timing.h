#pragma once
// Timing helpers shared by the benchmarks: elapsed milliseconds and a summary of many samples.
#include <algorithm>
#include <chrono>
#include <cstddef>
#include <numeric>
#include <vector>

namespace tftsr::test {

using BenchClock = std::chrono::steady_clock;

inline double ms_since(BenchClock::time_point t) {
  return std::chrono::duration<double, std::milli>(BenchClock::now() - t).count();
}

struct TimingStats {
  std::size_t samples = 0;
  double mean = 0, p50 = 0, p95 = 0, max = 0;
};

inline TimingStats timing_stats(std::vector<double> v) {
  TimingStats s;
  if (v.empty()) return s;
  std::sort(v.begin(), v.end());
  s.samples = v.size();
  s.mean = std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
  s.p50 = v[v.size() / 2];
  s.p95 = v[std::min(v.size() - 1, v.size() * 95 / 100)];
  s.max = v.back();
  return s;
}

}  // namespace tftsr::test
