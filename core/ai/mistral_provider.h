#pragma once
// Mistral: OpenAI-style POST {url}/chat/completions (url https://api.mistral.ai/v1) with
// "Authorization: Bearer <key>". Mistral puts usage in its last chunk by itself and refuses
// fields it does not know, so no stream_options is sent. Its vision docs give "image_url" as the
// (data:) URL string itself.
#include "core/ai/openai_provider.h"

namespace tftsr::ai {

class MistralProvider final : public OpenAiProvider {
 public:
  using OpenAiProvider::OpenAiProvider;

 protected:
  OpenAiBodyOptions body_options() const override { return {.include_model = true, .request_stream_usage = false, .image_url_as_string = true}; }
};

}  // namespace tftsr::ai
