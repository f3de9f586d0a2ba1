#include "core/pii/detector_cache.h"

#include "core/pii/detector.h"

namespace tftsr::pii {

std::shared_ptr<const PiiDetector> DetectorCache::without(const PiiTypeSet& disabled) {
  std::lock_guard lock(mutex_);
  if (!detector_ || disabled != disabled_) {
    DetectorOptions options;
    options.enabled = all_pii_types() & ~disabled;
    detector_ = std::make_shared<const PiiDetector>(options);
    disabled_ = disabled;
  }
  return detector_;
}

}  // namespace tftsr::pii
