#pragma once
// Grouping accuracy of the miner on the Loghub-2k samples (tests/data/patterns/loghub), as the
// Loghub and Drain papers define it: a line counts as right when the set of lines of its mined
// template is exactly the set of lines of its labelled event.
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/patterns/pattern_miner.h"

namespace tftsr::test {

struct DatasetAccuracy {
  std::string name;
  double accuracy = 0;
  std::size_t templates = 0;  // mined
  std::size_t events = 0;     // labelled
};

// The 16 datasets, in name order. Throws std::runtime_error when a file is missing.
// `inspect` sees each dataset's report and labels (for a closer look at the mistakes).
using AccuracyInspector = std::function<void(const std::string& name, const patterns::PatternReport& report,
                                             const std::vector<std::string>& labels)>;
std::vector<DatasetAccuracy> loghub_accuracy(const std::filesystem::path& dir,
                                             const patterns::MinerOptions& options = {},
                                             const AccuracyInspector& inspect = {});

double average_accuracy(const std::vector<DatasetAccuracy>& results);

}  // namespace tftsr::test
