// The compiled-pattern cache: written on first use, read back after, and never trusted when
// damaged: a detector always finds the same things with or without it.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "core/pii/detector.h"
#include "tests/support/temp_dir.h"

using namespace tftsr::pii;
using tftsr::test::TempDir;

namespace {

const std::string kSample =
    "2024-05-01T10:00:00Z user=alice@example.com password=hunter2x from 10.1.2.3 "
    "token ghp_ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ab\n";

std::vector<Finding> scan_with(const std::filesystem::path& cache_dir) {
  DetectorOptions options;
  options.compiled_cache_dir = cache_dir;
  return PiiDetector(options).scan(kSample);
}

std::filesystem::path only_file_in(const std::filesystem::path& dir) {
  std::filesystem::path found;
  int count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    found = entry.path();
    ++count;
  }
  REQUIRE(count == 1);
  return found;
}

}  // namespace

TEST_CASE("the compiled patterns are cached and read back with the same findings") {
  TempDir dir;
  const auto cache = dir / "cache";
  const auto uncached = scan_with({});
  REQUIRE(uncached.size() >= 4);

  CHECK(scan_with(cache) == uncached);
  const auto file = only_file_in(cache);
  CHECK(file.extension() == ".hsdb");
  const auto written = std::filesystem::last_write_time(file);
  const auto bytes = tftsr::test::read_file(file);

  CHECK(scan_with(cache) == uncached);
  CHECK(std::filesystem::last_write_time(file) == written);  // read, not written again
  CHECK(tftsr::test::read_file(file) == bytes);
}

TEST_CASE("a damaged compiled-pattern cache is compiled again and replaced") {
  TempDir dir;
  const auto cache = dir / "cache";
  const auto uncached = scan_with({});
  scan_with(cache);
  const auto file = only_file_in(cache);
  const auto good = tftsr::test::read_file(file);

  SUBCASE("a flipped byte in the database") {
    auto bad = good;
    bad[bad.size() / 2] = static_cast<char>(bad[bad.size() / 2] ^ 0x5A);
    tftsr::test::write_file(file, bad);
  }
  SUBCASE("a file cut short") { tftsr::test::write_file(file, good.substr(0, good.size() / 3)); }
  SUBCASE("an empty file") { tftsr::test::write_file(file, ""); }

  CHECK(scan_with(cache) == uncached);
  CHECK(tftsr::test::read_file(file) == good);
}

TEST_CASE("a cache directory that cannot be written only costs the compilation") {
  TempDir dir;
  tftsr::test::write_file(dir / "not-a-dir", "x");
  CHECK(scan_with(dir / "not-a-dir" / "cache") == scan_with({}));
}

TEST_CASE("each set of enabled types has its own compiled patterns") {
  TempDir dir;
  const auto cache = dir / "cache";
  DetectorOptions all;
  all.compiled_cache_dir = cache;
  DetectorOptions no_token = all;
  no_token.enabled = all_pii_types() & ~PiiTypeSet().set(static_cast<std::size_t>(PiiType::GitHubToken));
  const auto with_token = PiiDetector(all).scan(kSample);
  const auto without_token = PiiDetector(no_token).scan(kSample);
  CHECK(with_token.size() == without_token.size() + 1);
  CHECK(std::distance(std::filesystem::directory_iterator(cache), std::filesystem::directory_iterator()) == 2);
  CHECK(PiiDetector(no_token).scan(kSample) == without_token);
}
