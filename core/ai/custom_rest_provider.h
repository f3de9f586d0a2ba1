#pragma once
// A custom REST gateway: POST {url}{endpoint_path} with {"prompt", "sessionId", "userId"},
// the reply in "msg". The gateway keeps the conversation under sessionId, so only the newest
// user message is sent, with the system prompt before it on the first turn. No streaming. The
// key goes in the configured auth header (default "Authorization: Bearer <key>").
#include "core/ai/provider.h"

namespace tftsr::ai {

class CustomRestProvider final : public Provider {
 public:
  using Provider::Provider;
  bool supports_streaming() const override { return false; }
  ProviderRequest build_request(const ChatRequest& chat) const override;
  ProviderReply parse_reply(std::string_view body) const override;
  std::unique_ptr<StreamDecoder> stream_decoder(StreamLimits limits = {}) const override;
};

}  // namespace tftsr::ai
