#pragma once
// What a masked value becomes in outgoing text. The default names only the type ("[Email]"); a
// conversation can bring its own policy that numbers values consistently ("[Email_1]" for the
// same address every time) and keeps the mapping on this machine.
#include <string>
#include <string_view>

#include "core/pii/pii_type.h"

namespace tftsr::net {

class Placeholder {
 public:
  virtual ~Placeholder() = default;
  // Must give the same text for the same (type, value) during one request, so that a preview
  // and the send that follows it agree.
  virtual std::string replacement(pii::PiiType type, std::string_view value) const = 0;
};

// "[Email]", "[Ipv4]": the type only.
class TypeTagPlaceholder final : public Placeholder {
 public:
  std::string replacement(pii::PiiType type, std::string_view value) const override;
};

}  // namespace tftsr::net
