// bench_patterns_accuracy [--similarity S] [--prefix N] [--dump DATASET]: grouping accuracy of the
// pattern miner on the 16 Loghub-2k samples, raw lines, no per-dataset hints. Prints per dataset
// and the average (Drain reaches 0.865 on average with a log format and regexes per dataset).
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <set>
#include <string>

#include "tests/bench/patterns/loghub_accuracy.h"

int main(int argc, char** argv) {
  tftsr::patterns::MinerOptions options;
  std::string dump;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--similarity")) options.similarity = std::atof(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--dump")) dump = argv[i + 1];
    else if (!std::strcmp(argv[i], "--prefix")) options.prefix_tokens = static_cast<std::size_t>(std::atoi(argv[i + 1]));
  }
  // --dump NAME: the mined groups that are not exactly one labelled event, with the events in them.
  auto inspect = [&](const std::string& name, const tftsr::patterns::PatternReport& report,
                     const std::vector<std::string>& labels) {
    if (name != dump) return;
    std::map<std::string, std::size_t> event_size;
    for (const auto& l : labels) ++event_size[l];
    std::map<std::uint32_t, std::map<std::string, std::size_t>> groups;
    for (std::size_t i = 0; i < labels.size(); ++i) ++groups[report.line_templates[i]][labels[i]];
    for (const auto& [g, events] : groups) {
      if (events.size() == 1 && event_size[events.begin()->first] == events.begin()->second) continue;
      std::printf("%6lld  %s  (line %lld)\n       ", static_cast<long long>(report.templates[g].count), report.templates[g].text.c_str(), static_cast<long long>(report.templates[g].first_line));
      for (const auto& [e, n] : events) std::printf(" %s:%zu/%zu", e.c_str(), n, event_size[e]);
      std::printf("\n");
    }
  };
  const auto results = tftsr::test::loghub_accuracy(TFTSR_LOGHUB_DIR, options, inspect);
  std::printf("%-12s %9s %10s %7s\n", "DATASET", "ACCURACY", "TEMPLATES", "EVENTS");
  for (const auto& r : results) std::printf("%-12s %9.3f %10zu %7zu\n", r.name.c_str(), r.accuracy, r.templates, r.events);
  std::printf("%-12s %9.3f   (Drain with per-dataset formats and regexes: 0.865)\n", "AVERAGE",
              tftsr::test::average_accuracy(results));
  return 0;
}
