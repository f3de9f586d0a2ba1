#pragma once
// Anthropic Messages API: POST {url}/v1/messages with "x-api-key" and
// "anthropic-version: 2023-06-01", the system prompt as the top-level "system" field.
// Streamed events: message_start (input tokens), content_block_delta (text_delta),
// message_delta (stop_reason, output tokens), message_stop, ping, and error mid-stream.
#include "core/ai/provider.h"

namespace tftsr::ai {

class AnthropicProvider final : public Provider {
 public:
  using Provider::Provider;

  ProviderRequest build_request(const ChatRequest& chat) const override;
  ProviderReply parse_reply(std::string_view body) const override;
  std::unique_ptr<StreamDecoder> stream_decoder(StreamLimits limits = {}) const override;
};

}  // namespace tftsr::ai
