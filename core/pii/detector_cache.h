#pragma once
// Compiling a detector takes a while: keep the last one and reuse it while the set of disabled
// types stays the same. Thread-safe.
#include <memory>
#include <mutex>

#include "core/pii/pii_type.h"

namespace tftsr::pii {

class PiiDetector;

class DetectorCache {
 public:
  std::shared_ptr<const PiiDetector> without(const PiiTypeSet& disabled);

 private:
  std::mutex mutex_;
  std::shared_ptr<const PiiDetector> detector_;
  PiiTypeSet disabled_;
};

}  // namespace tftsr::pii
