#pragma once
// Tells which mined template a line belongs to, after the mining: for filtering a log by pattern
// and for finding a known pattern in another log. A line is read the way the miner reads it
// (header, masked tokens); a template matches when its constant tokens are the line's, in order,
// and each <*> stands for any run of tokens (also none). When several match, the one with the
// most constant tokens wins, then the more frequent (the earlier in the list).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/patterns/message_tokenizer.h"
#include "core/patterns/pattern_report.h"

namespace tftsr::patterns {

class PatternMatcher {
 public:
  explicit PatternMatcher(const std::vector<PatternTemplate>& templates);

  // Index into the templates given, or nullopt when none matches.
  std::optional<std::size_t> match(std::string_view line);
  // Whether the line belongs to the template at `index` (the most specific match is that one).
  bool belongs_to(std::string_view line, std::size_t index) { return match(line) == index; }
  // The index of the template with this id, if there is one.
  std::optional<std::size_t> find_id(std::string_view id) const;

 private:
  struct Compiled {
    std::vector<std::string> tokens;
    std::size_t constants = 0;
  };
  bool glob(const Compiled& t, const std::vector<std::string_view>& line) const;

  std::vector<Compiled> templates_;
  std::vector<std::string> ids_;
  std::unordered_map<std::string, std::vector<std::size_t>> by_first_constant_;
  std::vector<std::size_t> without_constant_;  // templates that start with <*> or are all variables
  std::optional<std::size_t> empty_, binary_;
  MessageTokenizer tokenizer_;
};

}  // namespace tftsr::patterns
