#pragma once
// What came back: the text and, when the provider reported them, the token counts.
#include <cstdint>
#include <optional>
#include <string>

namespace tftsr::ai {

struct TokenUsage {
  std::optional<std::int64_t> prompt_tokens;      // input: system + history + new message
  std::optional<std::int64_t> completion_tokens;  // output: the reply
};

struct ProviderReply {
  std::string text;
  TokenUsage usage;
  std::string finish_reason;  // as the provider names it ("stop", "end_turn", "STOP", "length", ...)
};

}  // namespace tftsr::ai
