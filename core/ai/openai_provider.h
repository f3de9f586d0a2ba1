#pragma once
// OpenAI and OpenAI-compatible servers (LM Studio, vLLM, LiteLLM): POST {url}/chat/completions
// with "Authorization: Bearer <key>" (no auth header when no key is set, as local servers
// expect), streamed as SSE with stream_options.include_usage so the last chunk carries the
// token counts.
#include "core/ai/openai_chat_format.h"
#include "core/ai/provider.h"

namespace tftsr::ai {

class OpenAiProvider : public Provider {
 public:
  using Provider::Provider;

  ProviderRequest build_request(const ChatRequest& chat) const override;
  ProviderReply parse_reply(std::string_view body) const override;
  std::unique_ptr<StreamDecoder> stream_decoder(StreamLimits limits = {}) const override;

 protected:
  // What an OpenAI-style server of this kind accepts in the request body.
  virtual OpenAiBodyOptions body_options() const { return {}; }
};

}  // namespace tftsr::ai
