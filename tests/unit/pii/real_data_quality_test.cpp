// Quality on real data, apart from the synthetic corpus (quality_test.cpp):
// - tests/data/pii/real: lines of the public Loghub samples, labelled by us;
// - tests/data/pii/secrets: the token formats public secret scanners test, with random values,
//   each after a key, bare in a sentence and as a JSON value, and near-misses.
// The bars are the ones the product promises on real data (docs/pii-quality.md).
#include <doctest/doctest.h>

#include <array>
#include <cstdio>
#include <filesystem>

#include "core/pii/detector.h"
#include "core/pii/redactor.h"
#include "corpus_quality.h"
#include "labeled_corpus.h"
#include "tests/support/temp_dir.h"

using namespace tftsr::pii;

namespace {

std::filesystem::path data_dir() { return std::filesystem::path(TFTSR_TEST_DATA_DIR) / "pii"; }

std::string one_line(std::string s) {
  for (auto& c : s) {
    if (c == '\n') c = ' ';
  }
  return s;
}

// The first mismatches, to say what went wrong when a bar is not reached.
void show_mismatches(const testing::CorpusQuality& q) {
  std::size_t shown = 0;
  for (const auto& m : q.mismatches) {
    if (shown++ == 30) break;
    MESSAGE((m.missed ? "missed " : "wrong ") << pii_type_name(m.type) << " '" << m.value << "' in " << m.file);
  }
}

bool is_secret_type(PiiType t) {
  switch (t) {
    case PiiType::Email: case PiiType::MacAddress: case PiiType::Ipv6: case PiiType::Ipv4:
    case PiiType::PhoneNumber: case PiiType::Hostname: case PiiType::Ssn: case PiiType::CreditCard:
    case PiiType::Username: case PiiType::ReservedAddress:
      return false;
    default:
      return true;
  }
}

}  // namespace

TEST_CASE("real logs (Loghub samples): IPv4 precision and per-type quality") {
  const auto quality = testing::measure_corpus(PiiDetector(), data_dir() / "real", "loghub_");
  testing::print_quality_table("real logs (Loghub samples, labelled by us)", quality);
  show_mismatches(quality);
  REQUIRE(quality.files >= 10);
  const auto& ipv4 = quality.per_type[static_cast<std::size_t>(PiiType::Ipv4)];
  CHECK(ipv4.support() >= 300);
  CHECK(ipv4.precision() >= 0.99);
  CHECK(ipv4.recall() >= 0.95);
  for (auto type : {PiiType::Hostname, PiiType::Username, PiiType::ReservedAddress}) {
    INFO("type " << pii_type_name(type));
    const auto& c = quality.per_type[static_cast<std::size_t>(type)];
    CHECK(c.support() >= 20);
    CHECK(c.recall() >= 0.90);
    CHECK(c.precision() >= 0.90);
  }
}

TEST_CASE("real secret formats: every non-blank byte of every labelled secret is covered") {
  const auto labeled = testing::parse_labeled_text(tftsr::test::read_file(data_dir() / "secrets" / "secret_formats.log"));
  REQUIRE(labeled.expected.size() >= 300);
  const auto found = PiiDetector().scan(labeled.text);
  std::vector<bool> covered(labeled.text.size(), false);
  for (const auto& f : found) {
    for (std::size_t i = f.start; i < f.end; ++i) covered[i] = true;
  }
  std::size_t whole = 0;
  int shown = 0;
  for (const auto& e : labeled.expected) {
    bool all = true;
    for (std::size_t i = e.start; i < e.end; ++i) {
      const char c = labeled.text[i];
      if (c != ' ' && c != '\n' && c != '\t' && !covered[i]) all = false;
    }
    if (all) {
      ++whole;
    } else if (shown++ < 20) {
      MESSAGE("not covered: " << pii_type_name(e.type) << " '" << one_line(labeled.text.substr(e.start, e.end - e.start)) << "'");
    }
  }
  const double recall = double(whole) / double(labeled.expected.size());
  std::printf("\nsecret formats: %zu of %zu labelled secrets fully covered (recall %.3f)\n", whole,
              labeled.expected.size(), recall);
  testing::print_quality_table("secret formats (exact type and span)",
                               testing::measure_corpus(PiiDetector(), data_dir() / "secrets", "secret_formats"));
  CHECK(recall >= 0.98);
}

TEST_CASE("no labelled secret survives redact verbatim") {
  for (const auto* name : {"secrets/secret_formats.log", "corpus/journald.log", "corpus/app_json.log",
                           "corpus/handwritten_edge_cases.log", "corpus/syslog.log"}) {
    const auto labeled = testing::parse_labeled_text(tftsr::test::read_file(data_dir() / name));
    const auto findings = PiiDetector().scan(labeled.text);
    const auto redacted = redact(labeled.text, findings);
    std::size_t checked = 0;
    for (const auto& e : labeled.expected) {
      if (!is_secret_type(e.type)) continue;
      const auto value = labeled.text.substr(e.start, e.end - e.start);
      if (value.size() < 6) continue;  // "pw: x": a short value occurs by chance elsewhere in the text
      ++checked;
      INFO(name << ": " << pii_type_name(e.type) << " '" << one_line(value) << "'");
      CHECK(redacted.find(value) == std::string::npos);
    }
    CHECK(checked > 0);
  }
}

TEST_CASE("near-misses of secrets are not reported") {
  const auto text = tftsr::test::read_file(data_dir() / "secrets" / "near_misses.log");
  const auto findings = PiiDetector().scan(text);
  std::size_t lines = 0, reported = 0;
  std::size_t finding = 0;
  for (std::size_t start = 0; start < text.size();) {
    const auto end = text.find('\n', start);
    const auto stop = end == std::string::npos ? text.size() : end;
    ++lines;
    bool any = false;
    while (finding < findings.size() && findings[finding].start < stop) {
      any = true;
      MESSAGE("near-miss reported as " << pii_type_name(findings[finding].type) << ": "
                                       << text.substr(findings[finding].start, findings[finding].length()));
      ++finding;
    }
    reported += any ? 1 : 0;
    start = stop + 1;
  }
  const double rate = double(reported) / double(lines);
  std::printf("\nnear-misses: %zu of %zu lines reported (%.3f)\n", reported, lines, rate);
  CHECK(lines >= 200);
  CHECK(rate <= 0.01);
}
