#pragma once
// Shared by the AI tests: recorded-format streams from tests/data/ai, and feeding a stream to a
// decoder in pieces cut at chosen offsets.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ai/provider.h"

namespace tftsr::test {

std::string ai_data(const std::string& name);

struct DecodedStream {
  std::string text;      // decoder.text()
  std::string streamed;  // the concatenation of what feed() and finish() returned
  ai::TokenUsage usage;
  bool complete = false;
  std::string finish_reason;
  std::optional<std::string> error;  // the message of the Error thrown, if any
};

// Feeds `bytes` cut at each of `cuts` (ascending offsets), then finishes.
DecodedStream decode_in_pieces(const ai::Provider& provider, std::string_view bytes, const std::vector<std::size_t>& cuts,
                               ai::StreamLimits limits = {});
DecodedStream decode_whole(const ai::Provider& provider, std::string_view bytes, ai::StreamLimits limits = {});

ai::ProviderConfig config_of(ai::ProviderKind kind);
ai::ChatRequest sample_chat(bool stream = true);

}  // namespace tftsr::test
