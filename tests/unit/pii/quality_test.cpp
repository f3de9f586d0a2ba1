// Recall and precision per type on the labeled corpus in tests/data/pii/corpus. A finding counts
// as correct only with the right type and the exact byte span.
#include <doctest/doctest.h>

#include <array>
#include <cstdio>
#include <filesystem>

#include "core/pii/detector.h"
#include "corpus_quality.h"
#include "labeled_corpus.h"

using namespace tftsr::pii;

TEST_CASE("quality on the labeled corpus: recall and precision per type") {
  const std::filesystem::path dir = std::filesystem::path(TFTSR_TEST_DATA_DIR) / "pii" / "corpus";
  REQUIRE(std::filesystem::is_directory(dir));
  const auto quality = testing::measure_corpus(PiiDetector(), dir);
  std::size_t shown = 0;
  for (const auto& m : quality.mismatches) {
    if (shown++ == 40) break;
    MESSAGE((m.missed ? "missed " : "wrong ") << pii_type_name(m.type) << " '" << m.value << "' in " << m.file);
  }
  CHECK(quality.files >= 8);
  testing::print_quality_table("synthetic corpus (written with the detector)", quality);
  const auto total = quality.total();
  const auto& counts = quality.per_type;

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
