#include "core/ai/ollama_provider.h"

#include "core/ai/request_helpers.h"
#include "core/json_members.h"

namespace tftsr::ai {

namespace {

// One /api/chat object (a stream line or the whole reply): message.content, and on the last
// one done, done_reason, prompt_eval_count and eval_count.
struct OllamaChunk {
  std::string text;
  bool done = false;
  bool has_message = false;
  std::string done_reason;
};

OllamaChunk read_chunk(const nlohmann::json& object, TokenUsage& usage) {
  OllamaChunk chunk;
  if (!object.is_object()) return chunk;
  if (auto message = object.find("message"); message != object.end() && message->is_object()) {
    chunk.has_message = true;
    if (auto content = message->find("content"); content != message->end() && content->is_string())
      chunk.text = content->get<std::string>();
  }
  chunk.done = bool_member(object, "done", false);
  if (chunk.done) {
    if (auto n = optional_int(object, "prompt_eval_count")) usage.prompt_tokens = n;
    if (auto n = optional_int(object, "eval_count")) usage.completion_tokens = n;
    if (auto reason = object.find("done_reason"); reason != object.end() && reason->is_string()) chunk.done_reason = *reason;
  }
  return chunk;
}

class OllamaStreamDecoder final : public StreamDecoder {
 public:
  OllamaStreamDecoder(std::string who, StreamLimits limits) : StreamDecoder(ResponseFormat::Ndjson, std::move(who), limits) {}

 private:
  // {"error": "..."} lines are turned into errors before they get here.
  void on_object(const nlohmann::json& object) override {
    const auto chunk = read_chunk(object, reported_usage());
    add_text(chunk.text);
    if (chunk.done) mark_complete(chunk.done_reason);
  }

  ProviderReply parse_document(std::string_view body) override {
    ProviderReply reply;
    const auto chunk = read_chunk(nlohmann::json::parse(body), reply.usage);
    reply.text = chunk.text;
    reply.finish_reason = chunk.done_reason;
    return reply;
  }
};

}  // namespace

ProviderRequest OllamaProvider::build_request(const ChatRequest& chat) const {
  check_turns(chat);
  ProviderRequest request;
  request.response_format = chat.stream ? ResponseFormat::Ndjson : ResponseFormat::Json;
  request.url = join_url(config().url, config().endpoint_path.empty() ? "/api/chat" : config().endpoint_path);
  request.headers = json_headers(request.response_format);
  add_auth_header(request.headers, config(), "Authorization", "Bearer");
  nlohmann::json body;
  body["model"] = config().model;
  body["messages"] = role_content_messages(chat, true);
  // Images go in the message's own "images" list, base64 without a data: prefix.
  const std::size_t first_turn = body["messages"].size() - chat.turns.size();
  for (std::size_t i = 0; i < chat.turns.size(); ++i) {
    if (chat.turns[i].images_png.empty()) continue;
    auto images = nlohmann::json::array();
    for (const auto& png : chat.turns[i].images_png) images.push_back(png_base64(png));
    body["messages"][first_turn + i]["images"] = std::move(images);
  }
  // Ollama streams unless told otherwise, so "stream" is always explicit.
  body["stream"] = chat.stream;
  body["options"] = {{"temperature", config().temperature}, {"num_predict", config().max_tokens}};
  request.body = dump_body(body);
  return request;
}

ProviderReply OllamaProvider::parse_reply(std::string_view body) const {
  const auto json = parse_document_json(body);
  ProviderReply reply;
  const auto chunk = read_chunk(json, reply.usage);
  if (!chunk.has_message) fail_without_reply(body);
  reply.text = chunk.text;
  reply.finish_reason = chunk.done_reason;
  return reply;
}

std::unique_ptr<StreamDecoder> OllamaProvider::stream_decoder(StreamLimits limits) const {
  return std::make_unique<OllamaStreamDecoder>(who(), limits);
}

}  // namespace tftsr::ai
