#include "core/ai/azure_openai_provider.h"

#include "core/ai/openai_chat_format.h"
#include "core/ai/request_helpers.h"

namespace tftsr::ai {

ProviderRequest AzureOpenAiProvider::build_request(const ChatRequest& chat) const {
  check_turns(chat);
  const std::string version = config().api_version.empty() ? std::string(kDefaultAzureApiVersion) : config().api_version;
  ProviderRequest request;
  request.response_format = chat.stream ? ResponseFormat::Sse : ResponseFormat::Json;
  const std::string path = config().endpoint_path.empty()
                               ? "/openai/deployments/" + config().model + "/chat/completions"
                               : config().endpoint_path;
  request.url = join_url(config().url, path) + "?api-version=" + version;
  request.headers = json_headers(request.response_format);
  add_auth_header(request.headers, config(), "api-key", "");
  // Dated versions compare as text; "preview" suffixes sort after their date, as they should.
  const bool knows_stream_usage = version >= "2024-09-01";
  request.body = dump_body(openai_chat_body(config(), chat, {.include_model = false, .request_stream_usage = knows_stream_usage}));
  return request;
}

ProviderReply AzureOpenAiProvider::parse_reply(std::string_view body) const {
  if (auto reply = read_openai_reply(parse_document_json(body))) return *reply;
  fail_without_reply(body);
}

std::unique_ptr<StreamDecoder> AzureOpenAiProvider::stream_decoder(StreamLimits limits) const {
  return make_openai_stream_decoder(who(), limits);
}

}  // namespace tftsr::ai
