#include "core/ai/openai_chat_format.h"

#include "core/ai/request_helpers.h"

namespace tftsr::ai {

namespace {
nlohmann::json content_with_images(const ChatTurn& turn, const OpenAiBodyOptions& options) {
  auto parts = nlohmann::json::array();
  parts.push_back({{"type", "text"}, {"text", turn.text}});
  for (const auto& png : turn.images_png) {
    nlohmann::json url = png_data_url(png);
    if (!options.image_url_as_string) url = {{"url", std::move(url)}};
    parts.push_back({{"type", "image_url"}, {"image_url", std::move(url)}});
  }
  return parts;
}
}  // namespace

nlohmann::json openai_chat_body(const ProviderConfig& config, const ChatRequest& chat, OpenAiBodyOptions options) {
  nlohmann::json body;
  if (options.include_model) body["model"] = config.model;
  body["messages"] = role_content_messages(chat, true);
  // The turns follow the system message, one message each.
  const std::size_t first_turn = body["messages"].size() - chat.turns.size();
  for (std::size_t i = 0; i < chat.turns.size(); ++i)
    if (!chat.turns[i].images_png.empty())
      body["messages"][first_turn + i]["content"] = content_with_images(chat.turns[i], options);
  body["max_tokens"] = config.max_tokens;
  body["temperature"] = config.temperature;
  body["stream"] = chat.stream;
  if (chat.stream && options.request_stream_usage) body["stream_options"] = {{"include_usage", true}};
  return body;
}

namespace {
void read_usage(const nlohmann::json& document, TokenUsage& usage) {
  const auto it = document.find("usage");
  if (it == document.end() || !it->is_object()) return;
  if (auto n = optional_int(*it, "prompt_tokens")) usage.prompt_tokens = n;
  if (auto n = optional_int(*it, "completion_tokens")) usage.completion_tokens = n;
}

std::string string_member(const nlohmann::json& object, std::string_view key) {
  if (!object.is_object()) return "";
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

class OpenAiStreamDecoder final : public StreamDecoder {
 public:
  OpenAiStreamDecoder(std::string who, StreamLimits limits) : StreamDecoder(ResponseFormat::Sse, std::move(who), limits) {}

 private:
  void on_event(const SseEvent& event) override {
    if (event.data == "[DONE]") {
      mark_complete();
      return;
    }
    const auto chunk = parse_event_json(event.data);
    read_usage(chunk, reported_usage());
    const auto choices = chunk.find("choices");
    // Azure sends a first chunk with empty choices and prompt_filter_results; the usage chunk
    // has empty choices too.
    if (choices == chunk.end() || !choices->is_array() || choices->empty()) return;
    const auto& choice = (*choices)[0];
    if (auto delta = choice.find("delta"); delta != choice.end()) add_text(string_member(*delta, "content"));
    if (auto reason = string_member(choice, "finish_reason"); !reason.empty()) set_finish_reason(reason);
  }

  ProviderReply parse_document(std::string_view body) override {
    const auto json = nlohmann::json::parse(body);
    if (auto reply = read_openai_reply(json)) return *reply;
    fail(who() + " answered without choices[0].message.content");
  }
};
}  // namespace

std::optional<ProviderReply> read_openai_reply(const nlohmann::json& document) {
  if (!document.is_object()) return std::nullopt;
  const auto choices = document.find("choices");
  if (choices == document.end() || !choices->is_array() || choices->empty()) return std::nullopt;
  const auto& choice = (*choices)[0];
  const auto message = choice.find("message");
  if (message == choice.end() || !message->is_object()) return std::nullopt;
  const auto content = message->find("content");
  if (content == message->end() || !(content->is_string() || content->is_null())) return std::nullopt;
  ProviderReply reply;
  reply.text = content->is_string() ? content->get<std::string>() : "";
  reply.finish_reason = string_member(choice, "finish_reason");
  read_usage(document, reply.usage);
  return reply;
}

std::unique_ptr<StreamDecoder> make_openai_stream_decoder(std::string who, StreamLimits limits) {
  return std::make_unique<OpenAiStreamDecoder>(std::move(who), limits);
}

}  // namespace tftsr::ai
