#pragma once
// The chat-completions wire format shared by OpenAI-compatible servers, Azure OpenAI and
// Mistral: {"messages": [...], "stream": true} answered by `data: {"choices":[{"delta":
// {"content": ...}}]}` events ending with `data: [DONE]`, token counts in `usage`.
#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/ai/chat_request.h"
#include "core/ai/provider_config.h"
#include "core/ai/provider_reply.h"
#include "core/ai/stream_decoder.h"

namespace tftsr::ai {

struct OpenAiBodyOptions {
  bool include_model = true;         // Azure names the deployment in the URL instead
  bool request_stream_usage = true;  // stream_options.include_usage (not every server knows it)
  // Mistral documents "image_url" as the URL string; OpenAI and Azure as {"url": ...}.
  bool image_url_as_string = false;
};

// A user turn with images: content becomes [{"type":"text",...}, {"type":"image_url",...}...].
// Turns without images keep their content as a plain string.
nlohmann::json openai_chat_body(const ProviderConfig& config, const ChatRequest& chat, OpenAiBodyOptions options);

// choices[0].message.content, usage.prompt_tokens / completion_tokens, choices[0].finish_reason.
// Returns nullopt when the document holds no message content.
std::optional<ProviderReply> read_openai_reply(const nlohmann::json& document);

std::unique_ptr<StreamDecoder> make_openai_stream_decoder(std::string who, StreamLimits limits);

}  // namespace tftsr::ai
