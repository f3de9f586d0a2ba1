// Recall and precision per type on the labeled corpus in tests/data/pii/corpus. A finding counts
// as correct only with the right type and the exact byte span.
#include <doctest/doctest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/pii/detector.h"
#include "labeled_corpus.h"

using namespace tftsr::pii;

namespace {

struct Counts {
  std::size_t true_positives = 0, false_positives = 0, false_negatives = 0;
  std::size_t support() const { return true_positives + false_negatives; }
  double recall() const { return support() ? double(true_positives) / double(support()) : 1.0; }
  double precision() const {
    const auto found = true_positives + false_positives;
    return found ? double(true_positives) / double(found) : 1.0;
  }
};

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string context(const std::string& text, std::size_t start, std::size_t end) {
  const auto from = start > 30 ? start - 30 : 0;
  std::string s = text.substr(from, end + 30 - from);
  for (auto& c : s) {
    if (c == '\n') c = ' ';
  }
  return s;
}

}  // namespace

TEST_CASE("quality on the labeled corpus: recall and precision per type") {
  const std::filesystem::path dir = std::filesystem::path(TFTSR_TEST_DATA_DIR) / "pii" / "corpus";
  REQUIRE(std::filesystem::is_directory(dir));
  const PiiDetector detector;
  std::array<Counts, kPiiTypeCount> counts{};
  std::size_t files = 0;
  int shown = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".log") continue;
    ++files;
    const auto labeled = testing::parse_labeled_text(read_file(entry.path()));
    const auto found = detector.scan(labeled.text);
    // Both lists are sorted by start: a merge finds exact matches.
    std::vector<bool> matched(found.size(), false);
    for (const auto& e : labeled.expected) {
      bool hit = false;
      for (std::size_t i = 0; i < found.size(); ++i) {
        if (!matched[i] && found[i].start == e.start && found[i].end == e.end && found[i].type == e.type) {
          matched[i] = hit = true;
          break;
        }
      }
      auto& c = counts[static_cast<std::size_t>(e.type)];
      if (hit) {
        ++c.true_positives;
      } else {
        ++c.false_negatives;
        if (shown++ < 40)
          MESSAGE("missed " << pii_type_name(e.type) << " in " << entry.path().filename().string() << ": "
                            << context(labeled.text, e.start, e.end));
      }
    }
    for (std::size_t i = 0; i < found.size(); ++i) {
      if (matched[i]) continue;
      ++counts[static_cast<std::size_t>(found[i].type)].false_positives;
      if (shown++ < 40)
        MESSAGE("wrong " << pii_type_name(found[i].type) << " '"
                         << labeled.text.substr(found[i].start, found[i].length()) << "' in "
                         << entry.path().filename().string() << ": "
                         << context(labeled.text, found[i].start, found[i].end));
    }
  }
  CHECK(files >= 8);

  Counts total;
  std::printf("\n%-20s %8s %9s %10s\n", "type", "support", "recall", "precision");
  for (std::size_t t = 0; t < kPiiTypeCount; ++t) {
    const auto& c = counts[t];
    std::printf("%-20s %8zu %9.3f %10.3f\n", std::string(pii_type_name(static_cast<PiiType>(t))).c_str(), c.support(),
                c.recall(), c.precision());
    total.true_positives += c.true_positives;
    total.false_positives += c.false_positives;
    total.false_negatives += c.false_negatives;
  }
  std::printf("%-20s %8zu %9.3f %10.3f\n", "all", total.support(), total.recall(), total.precision());

  CHECK(total.support() >= 1000);
  CHECK(total.recall() >= 0.98);
  CHECK(total.precision() >= 0.98);
  for (std::size_t t = 0; t < kPiiTypeCount; ++t) {
    const auto& c = counts[t];
    INFO("type " << pii_type_name(static_cast<PiiType>(t)));
    CHECK(c.support() >= 20);
    CHECK(c.recall() >= 0.95);
    CHECK(c.precision() >= 0.95);
  }
}

TEST_CASE("the label format is read exactly") {
  const auto parsed = testing::parse_labeled_text("a {{Email:x@example.com}} b {{Ipv4:10.0.0.1}}\n");
  CHECK(parsed.text == "a x@example.com b 10.0.0.1\n");
  REQUIRE(parsed.expected.size() == 2);
  CHECK(parsed.expected[0].start == 2);
  CHECK(parsed.expected[0].end == 15);
  CHECK(parsed.expected[1].type == PiiType::Ipv4);
  CHECK_THROWS(testing::parse_labeled_text("{{Nope:x}}"));
  CHECK_THROWS(testing::parse_labeled_text("{{Email:x"));
}
