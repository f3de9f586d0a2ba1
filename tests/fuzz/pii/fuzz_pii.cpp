// Arbitrary bytes through the detector (whole, and in tiny chunks) and the redactor. Aborts if a
// finding is out of bounds, empty, unsorted or overlapping, if chunked and whole scans differ, or
// if the redacted text is not the original with each span replaced by its replacement.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/pii/detector.h"
#include "core/pii/redactor.h"

using namespace tftsr::pii;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const PiiDetector whole;
  static const PiiDetector chunked(DetectorOptions{all_pii_types(), 61});
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  const auto findings = whole.scan(text);
  std::size_t previous_end = 0;
  std::size_t replaced_bytes = 0, replacement_bytes = 0;
  for (const auto& f : findings) {
    if (f.start >= f.end || f.end > text.size() || f.start < previous_end) std::abort();
    if (f.replacement != "[" + std::string(pii_type_name(f.type)) + "]") std::abort();
    previous_end = f.end;
    replaced_bytes += f.length();
    replacement_bytes += f.replacement.size();
  }
  if (chunked.scan(text) != findings) std::abort();

  const auto redacted = redact(text, findings);
  if (redacted.size() != text.size() - replaced_bytes + replacement_bytes) std::abort();
  // Bytes outside the findings are kept, in order.
  std::size_t in = 0, out = 0;
  for (const auto& f : findings) {
    if (redacted.compare(out, f.start - in, text.substr(in, f.start - in)) != 0) std::abort();
    out += f.start - in;
    if (redacted.compare(out, f.replacement.size(), f.replacement) != 0) std::abort();
    out += f.replacement.size();
    in = f.end;
  }
  if (redacted.compare(out, std::string::npos, text.substr(in)) != 0) std::abort();

  // Keeping every finding gives the original back.
  if (redact(text, findings, std::vector<bool>(findings.size(), false)) != text) std::abort();
  return 0;
}
