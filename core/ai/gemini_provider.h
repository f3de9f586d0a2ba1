#pragma once
// Google Gemini (Generative Language API): POST {url}/v1beta/models/{model}:generateContent,
// or :streamGenerateContent?alt=sse to stream, with "x-goog-api-key". The system prompt goes
// in systemInstruction, turns in contents[] with roles user/model. Streamed events are whole
// GenerateContentResponse objects, without an end marker: the finishReason of the last one
// says the reply is whole; usageMetadata carries the token counts.
#include "core/ai/provider.h"

namespace tftsr::ai {

class GeminiProvider final : public Provider {
 public:
  using Provider::Provider;

  ProviderRequest build_request(const ChatRequest& chat) const override;
  ProviderReply parse_reply(std::string_view body) const override;
  std::unique_ptr<StreamDecoder> stream_decoder(StreamLimits limits = {}) const override;
};

}  // namespace tftsr::ai
