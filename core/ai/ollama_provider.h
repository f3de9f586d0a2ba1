#pragma once
// Ollama: POST {url}/api/chat (url http://localhost:11434). Streams NDJSON: one object per
// line with message.content, the last with "done": true and prompt_eval_count/eval_count;
// an {"error": ...} line reports a failure mid-stream. Options go under "options"
// (temperature, num_predict). An API key, when set, is sent as a bearer token (Ollama behind
// a proxy).
#include "core/ai/provider.h"

namespace tftsr::ai {

class OllamaProvider final : public Provider {
 public:
  using Provider::Provider;

  ProviderRequest build_request(const ChatRequest& chat) const override;
  ProviderReply parse_reply(std::string_view body) const override;
  std::unique_ptr<StreamDecoder> stream_decoder(StreamLimits limits = {}) const override;
};

}  // namespace tftsr::ai
