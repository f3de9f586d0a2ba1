#pragma once
// Azure OpenAI: POST {url}/openai/deployments/{deployment}/chat/completions?api-version=V
// with an "api-key" header; the body is OpenAI's without "model" (the deployment names it).
// include_usage is only asked for from api-version 2024-09-01 on, where Azure knows it.
#include "core/ai/provider.h"

namespace tftsr::ai {

class AzureOpenAiProvider final : public Provider {
 public:
  using Provider::Provider;

  ProviderRequest build_request(const ChatRequest& chat) const override;
  ProviderReply parse_reply(std::string_view body) const override;
  std::unique_ptr<StreamDecoder> stream_decoder(StreamLimits limits = {}) const override;
};

}  // namespace tftsr::ai
