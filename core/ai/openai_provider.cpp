#include "core/ai/openai_provider.h"

#include "core/ai/openai_chat_format.h"
#include "core/ai/request_helpers.h"

namespace tftsr::ai {

ProviderRequest OpenAiProvider::build_request(const ChatRequest& chat) const {
  check_turns(chat);
  ProviderRequest request;
  request.response_format = chat.stream ? ResponseFormat::Sse : ResponseFormat::Json;
  request.url = join_url(config().url, config().endpoint_path.empty() ? "/chat/completions" : config().endpoint_path);
  request.headers = json_headers(request.response_format);
  add_auth_header(request.headers, config(), "Authorization", "Bearer");
  request.body = dump_body(openai_chat_body(config(), chat, body_options()));
  return request;
}

ProviderReply OpenAiProvider::parse_reply(std::string_view body) const {
  if (auto reply = read_openai_reply(parse_document_json(body))) return *reply;
  fail_without_reply(body);
}

std::unique_ptr<StreamDecoder> OpenAiProvider::stream_decoder(StreamLimits limits) const {
  return make_openai_stream_decoder(who(), limits);
}

}  // namespace tftsr::ai
