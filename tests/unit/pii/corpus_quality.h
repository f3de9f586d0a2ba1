#pragma once
// Recall and precision of the detector on a folder of labeled logs (labeled_corpus.h): exact
// matches of type and span, counted per type. Shared by the synthetic and the real-data tests.
#include <array>
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "core/pii/detector.h"
#include "core/pii/pii_type.h"

namespace tftsr::pii::testing {

struct TypeCounts {
  std::size_t true_positives = 0, false_positives = 0, false_negatives = 0;
  std::size_t support() const { return true_positives + false_negatives; }
  double recall() const { return support() ? double(true_positives) / double(support()) : 1.0; }
  double precision() const {
    const auto found = true_positives + false_positives;
    return found ? double(true_positives) / double(found) : 1.0;
  }
  void add(const TypeCounts& o) {
    true_positives += o.true_positives;
    false_positives += o.false_positives;
    false_negatives += o.false_negatives;
  }
};

// A labelled value the detector missed, or a finding no label asked for.
struct Mismatch {
  bool missed = false;  // false: a wrong finding
  PiiType type{};
  std::string file;
  std::string value;  // on one line
};

struct CorpusQuality {
  std::array<TypeCounts, kPiiTypeCount> per_type{};
  std::vector<Mismatch> mismatches;
  std::size_t files = 0;
  TypeCounts total() const;
};

// Every *.log file of `dir` whose name starts with `prefix`.
CorpusQuality measure_corpus(const PiiDetector& detector, const std::filesystem::path& dir,
                             const std::string& prefix = {});

// Prints the per-type table (types with neither labels nor findings left out) and the total.
void print_quality_table(const char* title, const CorpusQuality& quality);

}  // namespace tftsr::pii::testing
