#pragma once
// Mistral: OpenAI-style POST {url}/chat/completions (url https://api.mistral.ai/v1) with
// "Authorization: Bearer <key>". Mistral puts usage in its last chunk by itself and refuses
// fields it does not know, so no stream_options is sent.
#include "core/ai/provider.h"

namespace tftsr::ai {

class MistralProvider final : public Provider {
 public:
  using Provider::Provider;

  ProviderRequest build_request(const ChatRequest& chat) const override;
  ProviderReply parse_reply(std::string_view body) const override;
  std::unique_ptr<StreamDecoder> stream_decoder(StreamLimits limits = {}) const override;
};

}  // namespace tftsr::ai
