#include "core/ai/gemini_provider.h"

#include "core/ai/request_helpers.h"
#include "core/error.h"
#include "core/json_members.h"

namespace tftsr::ai {

namespace {

struct GeminiChunk {
  std::string text;
  std::string finish_reason;
  bool has_candidate = false;
};

// One GenerateContentResponse: the text of candidates[0].content.parts[], its finishReason,
// usageMetadata into `usage`. A blocked prompt (promptFeedback.blockReason) is reported in
// `blocked`.
GeminiChunk read_response(const nlohmann::json& response, TokenUsage& usage, std::string& blocked) {
  GeminiChunk chunk;
  if (!response.is_object()) return chunk;
  if (auto meta = response.find("usageMetadata"); meta != response.end()) {
    if (auto n = optional_int(*meta, "promptTokenCount")) usage.prompt_tokens = n;
    if (auto n = optional_int(*meta, "candidatesTokenCount")) usage.completion_tokens = n;
  }
  if (auto feedback = response.find("promptFeedback"); feedback != response.end() && feedback->is_object())
    if (auto reason = feedback->find("blockReason"); reason != feedback->end() && reason->is_string()) blocked = *reason;
  const auto candidates = response.find("candidates");
  if (candidates == response.end() || !candidates->is_array() || candidates->empty()) return chunk;
  const auto& candidate = (*candidates)[0];
  chunk.has_candidate = true;
  if (auto content = candidate.find("content"); content != candidate.end() && content->is_object())
    if (auto parts = content->find("parts"); parts != content->end() && parts->is_array())
      for (const auto& part : *parts)
        // Thinking models send their thoughts as parts marked "thought": true; those are not the reply.
        if (part.is_object() && part.contains("text") && part["text"].is_string() && !bool_member(part, "thought", false))
          chunk.text += part["text"].get<std::string>();
  if (auto reason = candidate.find("finishReason"); reason != candidate.end() && reason->is_string())
    chunk.finish_reason = *reason;
  return chunk;
}

std::string blocked_message(const std::string& who, const std::string& reason) {
  return who + " refused the prompt (blockReason " + reason + ")";
}

class GeminiStreamDecoder final : public StreamDecoder {
 public:
  GeminiStreamDecoder(std::string who, StreamLimits limits) : StreamDecoder(ResponseFormat::Sse, std::move(who), limits) {}

 private:
  void on_event(const SseEvent& event) override {
    std::string blocked;
    const auto chunk = read_response(parse_event_json(event.data), reported_usage(), blocked);
    if (!blocked.empty()) fail(blocked_message(who(), blocked));
    add_text(chunk.text);
    // No [DONE] in Gemini's stream: the chunk with a finishReason is the last one.
    if (!chunk.finish_reason.empty()) mark_complete(chunk.finish_reason);
  }

  // Without alt=sse Gemini answers one JSON array of responses; a plain generateContent one object.
  ProviderReply parse_document(std::string_view body) override {
    const auto json = nlohmann::json::parse(body);
    ProviderReply reply;
    std::string blocked;
    const auto take = [&](const nlohmann::json& response) {
      const auto chunk = read_response(response, reply.usage, blocked);
      reply.text += chunk.text;
      if (!chunk.finish_reason.empty()) reply.finish_reason = chunk.finish_reason;
    };
    if (json.is_array()) {
      for (const auto& response : json) take(response);
    } else {
      take(json);
    }
    if (!blocked.empty()) fail(blocked_message(who(), blocked));
    return reply;
  }
};

// The images as inline_data parts before the text part, as Gemini's image guide orders them.
nlohmann::json parts_of(const ChatTurn& turn) {
  auto parts = nlohmann::json::array();
  for (const auto& png : turn.images_png)
    parts.push_back({{"inline_data", {{"mime_type", "image/png"}, {"data", png_base64(png)}}}});
  parts.push_back({{"text", turn.text}});
  return parts;
}

std::string model_path(std::string_view model) {
  if (model.substr(0, 7) == "models/") model.remove_prefix(7);
  return std::string(model);
}

}  // namespace

ProviderRequest GeminiProvider::build_request(const ChatRequest& chat) const {
  check_turns(chat);
  ProviderRequest request;
  request.response_format = chat.stream ? ResponseFormat::Sse : ResponseFormat::Json;
  // endpoint_path replaces the API version prefix (e.g. /v1 instead of /v1beta).
  const std::string prefix = config().endpoint_path.empty() ? "/v1beta" : config().endpoint_path;
  const std::string method = chat.stream ? ":streamGenerateContent?alt=sse" : ":generateContent";
  request.url = join_url(config().url, prefix) + "/models/" + model_path(config().model) + method;
  request.headers = json_headers(request.response_format);
  add_auth_header(request.headers, config(), "x-goog-api-key", "");
  nlohmann::json body;
  if (!chat.system_prompt.empty()) body["systemInstruction"] = {{"parts", {{{"text", chat.system_prompt}}}}};
  auto contents = nlohmann::json::array();
  for (const auto& turn : turns_from_first_user(chat))
    contents.push_back({{"role", turn.role == ChatRole::User ? "user" : "model"}, {"parts", parts_of(turn)}});
  body["contents"] = std::move(contents);
  body["generationConfig"] = {{"maxOutputTokens", config().max_tokens}, {"temperature", config().temperature}};
  request.body = dump_body(body);
  return request;
}

ProviderReply GeminiProvider::parse_reply(std::string_view body) const {
  const auto json = parse_document_json(body);
  ProviderReply reply;
  std::string blocked;
  const auto chunk = read_response(json, reply.usage, blocked);
  if (!blocked.empty()) throw Error(ErrorKind::Network, blocked_message(who(), blocked));
  if (!chunk.has_candidate) fail_without_reply(body);
  reply.text = chunk.text;
  reply.finish_reason = chunk.finish_reason;
  return reply;
}

std::unique_ptr<StreamDecoder> GeminiProvider::stream_decoder(StreamLimits limits) const {
  return std::make_unique<GeminiStreamDecoder>(who(), limits);
}

}  // namespace tftsr::ai
