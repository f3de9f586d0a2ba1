#pragma once
// The findings of one scan of a stored log, held compactly between scanning (which needs no
// lock) and storing them: 16 bytes and the value per finding, where a PiiSpan with its strings
// takes hundreds. Kept in blocks, so growing never copies (or briefly doubles) what is held: a
// 1 GiB log with two million findings takes about 60 MB.
#include <cstdint>
#include <deque>
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
  // Visits every finding in order with its value.
  template <typename Fn>
  void for_each(Fn&& fn) const {
    std::size_t block = 0, at = 0;
    for (const auto& p : places_) {
      if (at + p.length > values_[block].size()) ++block, at = 0;  // add() started a new block
      fn(p, std::string_view(values_[block]).substr(at, p.length));
      at += p.length;
    }
  }

 private:
  static constexpr std::size_t kBlockSize = std::size_t{1} << 20;
  std::deque<Place> places_;
  std::vector<std::string> values_{1};  // the values one after another, in blocks; none spans two
};

}  // namespace tftsr::logs
