#include "core/ai/provider.h"

#include "core/ai/anthropic_provider.h"
#include "core/ai/azure_openai_provider.h"
#include "core/ai/custom_rest_provider.h"
#include "core/ai/gemini_provider.h"
#include "core/ai/mistral_provider.h"
#include "core/ai/ollama_provider.h"
#include "core/ai/openai_provider.h"
#include "core/ai/provider_errors.h"
#include "core/ai/utf8_repair.h"
#include "core/error.h"

namespace tftsr::ai {

namespace {
std::string_view display_name(ProviderKind kind) {
  switch (kind) {
    case ProviderKind::OpenAi: return "OpenAI-compatible";
    case ProviderKind::AzureOpenAi: return "Azure OpenAI";
    case ProviderKind::Anthropic: return "Anthropic";
    case ProviderKind::Gemini: return "Gemini";
    case ProviderKind::Mistral: return "Mistral";
    case ProviderKind::Ollama: return "Ollama";
    case ProviderKind::CustomRest: return "custom REST";
  }
  return "AI";
}
}  // namespace

std::string Provider::who() const {
  return std::string(display_name(config_.kind)) + " provider '" + config_.name + "'";
}

std::string Provider::explain_http_error(int status, std::string_view body) const {
  return ai::explain_http_error(who(), status, body);
}

nlohmann::json Provider::parse_document_json(std::string_view body) const {
  const std::string text = repair_utf8(body);
  auto json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded()) throw Error(ErrorKind::Network, explain_unexpected_body(who(), text));
  if (auto message = error_message_from_json(json)) throw Error(ErrorKind::Network, who() + " reported an error: " + *message);
  return json;
}

void Provider::fail_without_reply(std::string_view body) const {
  throw Error(ErrorKind::Network, who() + " answered without a reply where its protocol puts one: '" +
                                      excerpt(repair_utf8(body)) + "'");
}

std::unique_ptr<Provider> make_provider(ProviderConfig config) {
  validate(config);
  switch (config.kind) {
    case ProviderKind::OpenAi: return std::make_unique<OpenAiProvider>(std::move(config));
    case ProviderKind::AzureOpenAi: return std::make_unique<AzureOpenAiProvider>(std::move(config));
    case ProviderKind::Anthropic: return std::make_unique<AnthropicProvider>(std::move(config));
    case ProviderKind::Gemini: return std::make_unique<GeminiProvider>(std::move(config));
    case ProviderKind::Mistral: return std::make_unique<MistralProvider>(std::move(config));
    case ProviderKind::Ollama: return std::make_unique<OllamaProvider>(std::move(config));
    case ProviderKind::CustomRest: return std::make_unique<CustomRestProvider>(std::move(config));
  }
  throw Error(ErrorKind::Internal, "unknown provider kind value");
}

}  // namespace tftsr::ai
