#include "corpus_quality.h"

#include <cstdio>
#include "labeled_corpus.h"
#include "tests/support/temp_dir.h"

namespace tftsr::pii::testing {

namespace {
std::string one_line(std::string s) {
  for (auto& c : s)
    if (c == '\n') c = ' ';
  return s;
}
}  // namespace

TypeCounts CorpusQuality::total() const {
  TypeCounts t;
  for (const auto& c : per_type) t.add(c);
  return t;
}

CorpusQuality measure_corpus(const PiiDetector& detector, const std::filesystem::path& dir, const std::string& prefix) {
  CorpusQuality q;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const auto name = entry.path().filename().string();
    if (entry.path().extension() != ".log" || !name.starts_with(prefix)) continue;
    ++q.files;
    const auto labeled = parse_labeled_text(tftsr::test::read_file(entry.path()));
    const auto found = detector.scan(labeled.text);
    std::vector<bool> matched(found.size(), false);
    for (const auto& e : labeled.expected) {
      bool hit = false;
      for (std::size_t i = 0; i < found.size() && !hit; ++i) {
        if (!matched[i] && found[i].start == e.start && found[i].end == e.end && found[i].type == e.type)
          matched[i] = hit = true;
      }
      auto& c = q.per_type[static_cast<std::size_t>(e.type)];
      hit ? ++c.true_positives : ++c.false_negatives;
      if (!hit) q.mismatches.push_back({true, e.type, name, one_line(labeled.text.substr(e.start, e.end - e.start))});
    }
    for (std::size_t i = 0; i < found.size(); ++i) {
      if (matched[i]) continue;
      ++q.per_type[static_cast<std::size_t>(found[i].type)].false_positives;
      q.mismatches.push_back(
          {false, found[i].type, name, one_line(labeled.text.substr(found[i].start, found[i].length()))});
    }
  }
  return q;
}

void print_quality_table(const char* title, const CorpusQuality& quality) {
  std::printf("\n%s\n%-20s %8s %9s %10s\n", title, "type", "support", "recall", "precision");
  for (std::size_t t = 0; t < kPiiTypeCount; ++t) {
    const auto& c = quality.per_type[t];
    if (c.support() == 0 && c.false_positives == 0) continue;
    std::printf("%-20s %8zu %9.3f %10.3f\n", std::string(pii_type_name(static_cast<PiiType>(t))).c_str(), c.support(),
                c.recall(), c.precision());
  }
  const auto total = quality.total();
  std::printf("%-20s %8zu %9.3f %10.3f\n", "all", total.support(), total.recall(), total.precision());
}

}  // namespace tftsr::pii::testing
