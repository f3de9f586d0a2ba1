#include "core/logs/redaction_plan.h"

namespace tftsr::logs {

const std::string& default_replacement(pii::PiiType type) {
  static const auto all = [] {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < pii::kPiiTypeCount; ++i) {
      std::string r = "[";  // appended piecewise: GCC 12 at -O3 warns (-Wrestrict) on "[" + s + "]"
      r += pii::pii_type_name(static_cast<pii::PiiType>(i));
      r += ']';
      out.push_back(std::move(r));
    }
    return out;
  }();
  return all[static_cast<std::size_t>(type)];
}

const std::string& RedactionPlan::replacement_of(const Place& p) const {
  return p.replacement == 0 ? default_replacement(p.type) : custom.at(p.replacement - 1);
}

}  // namespace tftsr::logs
