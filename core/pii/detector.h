#pragma once
// The PII/secret detector. Values with a distinctive literal (token prefixes, "password=", PEM
// headers) are found by one vectorscan database compiled at construction; values made of digits
// and punctuation, e-mail addresses and host names by a hand-written pass
// (structured_value_scanner.h). Every candidate is confirmed in C++ (checksums, grammars, context)
// and overlaps are resolved (overlap.h). The rules and measured quality are in docs/pii-quality.md.
// A detector is immutable after construction; scan() may be called from many threads at once
// (each call borrows its own vectorscan scratch space from a pool).
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string_view>
#include <vector>

#include "core/pii/compiled_patterns.h"
#include "core/pii/finding.h"
#include "core/pii/pii_type.h"

namespace tftsr::pii {

struct DetectorOptions {
  PiiTypeSet enabled = all_pii_types();
  // Inputs are scanned in chunks of this size, each widened by an overlap on both sides so that a
  // value across a chunk boundary is still seen whole. Exposed so tests can force tiny chunks.
  std::size_t chunk_size = std::size_t{16} << 20;
  // Where the compiled patterns are kept between runs (compiled_patterns.h); empty: not kept.
  std::filesystem::path compiled_cache_dir = default_pattern_cache_dir();
};

class PiiDetector {
 public:
  explicit PiiDetector(DetectorOptions options = {});
  ~PiiDetector();
  PiiDetector(const PiiDetector&) = delete;
  PiiDetector& operator=(const PiiDetector&) = delete;
  PiiDetector(PiiDetector&&) noexcept;
  PiiDetector& operator=(PiiDetector&&) noexcept;

  // Findings in `text` (UTF-8, any size), sorted by start, non-overlapping, byte offsets.
  std::vector<Finding> scan(std::string_view text) const;

  const PiiTypeSet& enabled() const;

 private:
  void scan_patterns(std::string_view text, std::vector<Finding>& candidates) const;

  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// "[Email]": the default replacement for a type.
std::string default_replacement(PiiType type);

}  // namespace tftsr::pii
