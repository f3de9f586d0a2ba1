#pragma once
// OpenAI and OpenAI-compatible servers (LM Studio, vLLM, LiteLLM): POST {url}/chat/completions
// with "Authorization: Bearer <key>" (no auth header when no key is set, as local servers
// expect), streamed as SSE with stream_options.include_usage so the last chunk carries the
// token counts.
#include "core/ai/provider.h"

namespace tftsr::ai {

class OpenAiProvider final : public Provider {
 public:
  using Provider::Provider;

  ProviderRequest build_request(const ChatRequest& chat) const override;
  ProviderReply parse_reply(std::string_view body) const override;
  std::unique_ptr<StreamDecoder> stream_decoder(StreamLimits limits = {}) const override;
};

}  // namespace tftsr::ai
