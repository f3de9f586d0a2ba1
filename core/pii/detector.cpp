#include "core/pii/detector.h"

#include <hs/hs.h>

#include <algorithm>
#include <mutex>
#include <string>

#include "core/error.h"
#include "core/pii/candidate_checks.h"
#include "core/pii/detection_rules.h"
#include "core/pii/overlap.h"
#include "core/pii/structured_value_scanner.h"

namespace tftsr::pii {
namespace {

// Longest value (other than a PEM block, which is followed in the whole buffer) that is
// guaranteed to be found whole across a chunk boundary.
constexpr std::size_t kChunkOverlap = 16 * 1024;

struct RawMatch {
  unsigned rule;
  std::size_t from;
  std::size_t to;
};

struct MatchSink {
  std::vector<RawMatch>* matches;
  std::vector<std::size_t>* last_of_rule;  // index into matches of the rule's last match, or npos
  std::size_t base;
};

// vectorscan reports every end offset of a match; for one start only the longest is kept.
int on_match(unsigned id, unsigned long long from, unsigned long long to, unsigned /*flags*/, void* context) {
  auto& sink = *static_cast<MatchSink*>(context);
  auto& last = (*sink.last_of_rule)[id];
  const std::size_t f = sink.base + from, t = sink.base + to;
  if (last != static_cast<std::size_t>(-1)) {
    auto& prev = (*sink.matches)[last];
    if (prev.from == f && f != sink.base) {
      prev.to = t;
      return 0;
    }
  }
  last = sink.matches->size();
  sink.matches->push_back({id, f, t});
  return 0;
}

}  // namespace

struct PiiDetector::Impl {
  PiiTypeSet enabled;
  std::size_t chunk_size;
  std::vector<const DetectionRule*> rules;  // index = vectorscan pattern id
  hs_database_t* database = nullptr;
  hs_scratch_t* prototype_scratch = nullptr;
  mutable std::mutex pool_mutex;
  mutable std::vector<hs_scratch_t*> scratch_pool;

  ~Impl() {
    for (auto* s : scratch_pool) hs_free_scratch(s);
    if (prototype_scratch) hs_free_scratch(prototype_scratch);
    if (database) hs_free_database(database);
  }

  hs_scratch_t* acquire_scratch() const {
    {
      std::lock_guard lock(pool_mutex);
      if (!scratch_pool.empty()) {
        auto* s = scratch_pool.back();
        scratch_pool.pop_back();
        return s;
      }
    }
    hs_scratch_t* s = nullptr;
    if (hs_clone_scratch(prototype_scratch, &s) != HS_SUCCESS)
      throw Error(ErrorKind::Internal, "could not allocate scanning memory for the PII detector");
    return s;
  }

  void release_scratch(hs_scratch_t* s) const {
    std::lock_guard lock(pool_mutex);
    scratch_pool.push_back(s);
  }
};

std::string default_replacement(PiiType type) {
  // Appended piecewise: GCC 12 at -O3 warns (-Wrestrict, a false positive) on "[" + s + "]".
  std::string out = "[";
  out += pii_type_name(type);
  out += ']';
  return out;
}

PiiDetector::PiiDetector(DetectorOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->enabled = options.enabled;
  impl_->chunk_size = std::max<std::size_t>(options.chunk_size, 64);
  PatternSet set;
  for (const auto& rule : detection_rules()) {
    if (!contains(options.enabled, rule.type)) continue;
    unsigned f = 0;
    if (rule.kind == RuleKind::Value || rule.kind == RuleKind::PemBlock) f |= HS_FLAG_SOM_LEFTMOST;
    if (rule.caseless) f |= HS_FLAG_CASELESS;
    set.ids.push_back(static_cast<unsigned>(impl_->rules.size()));
    impl_->rules.push_back(&rule);
    set.patterns.push_back(rule.pattern.c_str());
    set.flags.push_back(f);
  }
  if (set.patterns.empty()) return;  // every type disabled: scan() finds nothing
  impl_->database = load_or_compile(set, options.compiled_cache_dir);
  if (hs_alloc_scratch(impl_->database, &impl_->prototype_scratch) != HS_SUCCESS)
    throw Error(ErrorKind::Internal, "could not allocate scanning memory for the PII detector");
}

PiiDetector::~PiiDetector() = default;
PiiDetector::PiiDetector(PiiDetector&&) noexcept = default;
PiiDetector& PiiDetector::operator=(PiiDetector&&) noexcept = default;

const PiiTypeSet& PiiDetector::enabled() const { return impl_->enabled; }

std::vector<Finding> PiiDetector::scan(std::string_view text) const {
  if (text.empty()) return {};
  std::vector<Finding> candidates;
  if (uses_structured_scanner(impl_->enabled)) scan_structured_values(text, impl_->enabled, candidates);
  if (impl_->database) scan_patterns(text, candidates);
  auto findings = resolve_overlaps(std::move(candidates));
  for (auto& f : findings) f.replacement = default_replacement(f.type);
  return findings;
}

void PiiDetector::scan_patterns(std::string_view text, std::vector<Finding>& candidates) const {
  hs_scratch_t* scratch = impl_->acquire_scratch();
  struct Release {
    const Impl* impl;
    hs_scratch_t* s;
    ~Release() { impl->release_scratch(s); }
  } release{impl_.get(), scratch};

  std::vector<RawMatch> matches;
  std::vector<std::size_t> last_of_rule(impl_->rules.size());
  const std::size_t chunk = impl_->chunk_size;
  // The overlap does not shrink with the chunk: it is the guarantee on value length.
  const std::size_t overlap = kChunkOverlap;

  for (std::size_t owned_begin = 0; owned_begin < text.size(); owned_begin += chunk) {
    // A chunk owns the matches that start in [owned_begin, owned_end) and is scanned with an
    // overlap on both sides: on the left so a leftmost start is not cut short, on the right so
    // a value that starts inside is seen to its end.
    const std::size_t owned_end = std::min(text.size(), owned_begin + chunk);
    const std::size_t scan_begin = owned_begin > overlap ? owned_begin - overlap : 0;
    const std::size_t scan_end = std::min(text.size(), owned_end + overlap);
    matches.clear();
    std::fill(last_of_rule.begin(), last_of_rule.end(), static_cast<std::size_t>(-1));
    MatchSink sink{&matches, &last_of_rule, scan_begin};
    const hs_error_t rc = hs_scan(impl_->database, text.data() + scan_begin,
                                  static_cast<unsigned>(scan_end - scan_begin), 0, scratch, on_match, &sink);
    if (rc != HS_SUCCESS) throw Error(ErrorKind::Internal, "the PII scan failed (vectorscan error " + std::to_string(rc) + ")");

    for (const auto& m : matches) {
      const DetectionRule& rule = *impl_->rules[m.rule];
      const bool keyed = rule.kind == RuleKind::KeyedValue || rule.kind == RuleKind::PhraseValue;
      const std::size_t anchor = keyed ? m.to : m.from;
      if (anchor < owned_begin || anchor >= owned_end) continue;
      if (!keyed && m.from == scan_begin && scan_begin != 0) continue;  // start cut by the chunk edge
      const auto span = confirm_candidate(rule, text, m.from, m.to);
      if (!span) continue;
      candidates.push_back({rule.type, span->start, span->end, {}});
    }
  }
}

}  // namespace tftsr::pii
