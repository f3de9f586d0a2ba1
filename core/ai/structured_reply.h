#pragma once
// The 5-Whys contract between us and the model: each reply ends with a fenced JSON block
//   ```json
//   {"why_level": 2, "why_question": "...", "answer": "...", "root_cause": null}
//   ```
// which is stripped from the text shown and parsed here. Weak local models forget it or write
// broken JSON: that never throws, it leaves the level where it was and says why (for a hint).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace tftsr::ai {

inline constexpr int kWhyLevels = 5;

struct WhyBlock {
  std::optional<int> why_level;          // 1..5, the why this reply works on
  std::string why_question;              // that level's question
  std::optional<std::string> answer;     // the answer established for it, if any
  std::optional<std::string> root_cause; // set once the model names the root cause
};

struct StructuredReply {
  std::string display_text;      // the reply without the block, trailing blanks trimmed
  std::optional<WhyBlock> block;  // absent when missing or unusable
  std::string problem;           // why `block` is absent (empty when present)
  std::string block_json;        // the block's JSON text as written, for callers that ask for more keys
};

StructuredReply parse_structured_reply(std::string_view reply);

// While a reply streams: how many leading bytes can be shown without showing the start of
// the block (a trailing "```json ..." that is not closed yet, or a partial fence).
std::size_t displayable_length(std::string_view partial_reply);

}  // namespace tftsr::ai
