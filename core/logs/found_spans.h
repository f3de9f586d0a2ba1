#pragma once
// The findings of one scan of a stored log, held compactly between scanning (which needs no
// lock) and storing them: 16 bytes and the value per finding, where a PiiSpan with its strings
// takes hundreds. A 1 GiB log with two million findings fits in well under 100 MB.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/pii/finding.h"

namespace tftsr::logs {

class FoundSpans {
 public:
  struct Place {
    std::uint64_t start;
    std::uint32_t length;
    pii::PiiType type;
  };

  // Findings must be added in text order; `value` is the text the finding covers.
  void add(const pii::Finding& finding, std::string_view value);

  std::size_t size() const { return places_.size(); }
  bool empty() const { return places_.empty(); }
  const std::vector<Place>& places() const { return places_; }
  // Visits every finding in order with its value.
  template <typename Fn>
  void for_each(Fn&& fn) const {
    std::size_t at = 0;
    for (const auto& p : places_) {
      fn(p, std::string_view(values_).substr(at, p.length));
      at += p.length;
    }
  }

 private:
  std::vector<Place> places_;
  std::string values_;  // the values, one after another
};

}  // namespace tftsr::logs
