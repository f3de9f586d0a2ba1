#include "core/ai/anthropic_provider.h"

#include "core/ai/request_helpers.h"
#include "core/json_members.h"

namespace tftsr::ai {

namespace {

constexpr std::string_view kAnthropicVersion = "2023-06-01";

std::string joined_text_blocks(const nlohmann::json& content) {
  std::string text;
  if (!content.is_array()) return text;
  for (const auto& block : content)
    if (string_member(block, "type") == "text") text += string_member(block, "text");
  return text;
}

void read_usage(const nlohmann::json& usage_json, TokenUsage& usage) {
  if (auto n = optional_int(usage_json, "input_tokens")) usage.prompt_tokens = n;
  if (auto n = optional_int(usage_json, "output_tokens")) usage.completion_tokens = n;
}

// content[] text blocks joined, usage, stop_reason; nullopt without a content array.
std::optional<ProviderReply> read_message(const nlohmann::json& json) {
  if (!json.is_object() || !json.contains("content") || !json["content"].is_array()) return std::nullopt;
  ProviderReply reply;
  reply.text = joined_text_blocks(json["content"]);
  if (json.contains("usage")) read_usage(json["usage"], reply.usage);
  if (json.contains("stop_reason") && json["stop_reason"].is_string()) reply.finish_reason = json["stop_reason"];
  return reply;
}

// A plain string, or with images content blocks: the images first, then the text, as
// Anthropic's vision guide advises.
nlohmann::json content_of(const ChatTurn& turn) {
  if (turn.images_png.empty()) return turn.text;
  auto blocks = nlohmann::json::array();
  for (const auto& png : turn.images_png)
    blocks.push_back({{"type", "image"},
                      {"source", {{"type", "base64"}, {"media_type", "image/png"}, {"data", png_base64(png)}}}});
  blocks.push_back({{"type", "text"}, {"text", turn.text}});
  return blocks;
}

class AnthropicStreamDecoder final : public StreamDecoder {
 public:
  AnthropicStreamDecoder(std::string who, StreamLimits limits) : StreamDecoder(ResponseFormat::Sse, std::move(who), limits) {}

 private:
  void on_event(const SseEvent& event) override {
    // parse_event_json throws for the `error` event ({"type":"error","error":{...}}).
    const auto data = parse_event_json(event.data);
    const std::string type = string_member(data, "type", event.event);
    if (type == "message_start") {
      read_usage(member(member(data, "message"), "usage"), reported_usage());
    } else if (type == "content_block_start") {
      const auto& block = member(data, "content_block");
      if (string_member(block, "type") == "text") add_text(string_member(block, "text"));
    } else if (type == "content_block_delta") {
      const auto& delta = member(data, "delta");
      if (string_member(delta, "type") == "text_delta") add_text(string_member(delta, "text"));
    } else if (type == "message_delta") {
      // output_tokens here is the running total, so it replaces the earlier count.
      read_usage(member(data, "usage"), reported_usage());
      if (const auto reason = string_member(member(data, "delta"), "stop_reason"); !reason.empty()) set_finish_reason(reason);
    } else if (type == "message_stop") {
      mark_complete();
    }
    // ping, content_block_stop and event types added later carry no text.
  }

  ProviderReply parse_document(std::string_view body) override {
    if (auto reply = read_message(nlohmann::json::parse(body))) return *reply;
    fail(who() + " answered without content[]");
  }
};

}  // namespace

ProviderRequest AnthropicProvider::build_request(const ChatRequest& chat) const {
  check_turns(chat);
  ProviderRequest request;
  request.response_format = chat.stream ? ResponseFormat::Sse : ResponseFormat::Json;
  request.url = join_url(config().url, config().endpoint_path.empty() ? "/v1/messages" : config().endpoint_path);
  request.headers = json_headers(request.response_format);
  add_auth_header(request.headers, config(), "x-api-key", "");
  request.headers.push_back({"anthropic-version", std::string(kAnthropicVersion), false});
  nlohmann::json body;
  body["model"] = config().model;
  body["max_tokens"] = config().max_tokens;
  if (!chat.system_prompt.empty()) body["system"] = chat.system_prompt;
  auto messages = nlohmann::json::array();
  for (const auto& turn : turns_from_first_user(chat))
    messages.push_back({{"role", turn.role == ChatRole::User ? "user" : "assistant"}, {"content", content_of(turn)}});
  body["messages"] = std::move(messages);
  body["temperature"] = config().temperature;
  body["stream"] = chat.stream;
  request.body = dump_body(body);
  return request;
}

ProviderReply AnthropicProvider::parse_reply(std::string_view body) const {
  if (auto reply = read_message(parse_document_json(body))) return *reply;
  fail_without_reply(body);
}

std::unique_ptr<StreamDecoder> AnthropicProvider::stream_decoder(StreamLimits limits) const {
  return std::make_unique<AnthropicStreamDecoder>(who(), limits);
}

}  // namespace tftsr::ai
