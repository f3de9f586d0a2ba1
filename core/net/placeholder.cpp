#include "core/net/placeholder.h"

#include "core/pii/detector.h"

namespace tftsr::net {

std::string TypeTagPlaceholder::replacement(pii::PiiType type, std::string_view) const {
  return pii::default_replacement(type);
}

}  // namespace tftsr::net
