#include "core/ai/custom_rest_provider.h"

#include <algorithm>

#include "core/ai/request_helpers.h"
#include "core/error.h"

namespace tftsr::ai {

namespace {

std::optional<std::string> read_msg(const nlohmann::json& json) {
  if (!json.is_object()) return std::nullopt;
  const auto msg = json.find("msg");
  if (msg == json.end() || !msg->is_string()) return std::nullopt;
  return msg->get<std::string>();
}

// A gateway that answers in one piece: the decoder only sees a document.
class CustomRestDecoder final : public StreamDecoder {
 public:
  CustomRestDecoder(std::string who, StreamLimits limits) : StreamDecoder(ResponseFormat::Sse, std::move(who), limits) {}

 private:
  void on_event(const SseEvent&) override {
    fail(who() + " sent an event stream, but custom REST gateways answer with one JSON object");
  }
  ProviderReply parse_document(std::string_view body) override {
    if (auto msg = read_msg(nlohmann::json::parse(body))) return {*msg, {}, {}};
    fail(who() + " answered without \"msg\"");
  }
};

}  // namespace

ProviderRequest CustomRestProvider::build_request(const ChatRequest& chat) const {
  check_turns(chat);
  if (has_images(chat))
    throw Error(ErrorKind::InvalidInput, who() + " takes a single text prompt and does not accept images; "
                                                  "send the message without them or use another provider");
  ProviderRequest request;
  request.response_format = ResponseFormat::Json;
  request.url = join_url(config().url, config().endpoint_path);
  request.headers = json_headers(request.response_format);
  add_auth_header(request.headers, config(), "Authorization", "Bearer");
  const bool first_turn = std::none_of(chat.turns.begin(), chat.turns.end(),
                                       [](const ChatTurn& t) { return t.role == ChatRole::Assistant; });
  std::string prompt = chat.turns.back().text;
  if (first_turn && !chat.system_prompt.empty()) prompt = chat.system_prompt + "\n\n" + prompt;
  nlohmann::json body;
  body["prompt"] = prompt;
  body["sessionId"] = chat.session_id;
  body["userId"] = chat.user_id;
  request.body = dump_body(body);
  return request;
}

ProviderReply CustomRestProvider::parse_reply(std::string_view body) const {
  if (auto msg = read_msg(parse_document_json(body))) return {*msg, {}, {}};
  fail_without_reply(body);
}

std::unique_ptr<StreamDecoder> CustomRestProvider::stream_decoder(StreamLimits limits) const {
  return std::make_unique<CustomRestDecoder>(who(), limits);
}

}  // namespace tftsr::ai
