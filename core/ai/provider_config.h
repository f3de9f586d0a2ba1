#pragma once
// What a user configures per AI provider, and the rules it must satisfy. The API key lives in a
// ProviderConfig only in memory, for the time a request is built; the store holds it sealed.
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace tftsr::ai {

enum class ProviderKind {
  OpenAi,       // "openai": OpenAI and every OpenAI-compatible server (LM Studio, vLLM, LiteLLM)
  AzureOpenAi,  // "azure-openai": deployment in the path, api-version query, api-key header
  Anthropic,    // "anthropic": Messages API
  Gemini,       // "gemini": Google Generative Language API
  Mistral,      // "mistral": OpenAI-style chat completions at api.mistral.ai
  Ollama,       // "ollama": /api/chat, NDJSON streaming
  CustomRest,   // "custom-rest": single prompt with sessionId/userId, reply in `msg`
};

std::span<const ProviderKind> all_provider_kinds();
// The id stored in ai_providers.kind and typed after --kind.
std::string_view kind_id(ProviderKind kind);
// Throws Error(InvalidInput) naming the accepted ids when `id` is none of them.
ProviderKind parse_provider_kind(std::string_view id);
// The URL a new provider of this kind starts with (empty for kinds without a public service).
std::string_view default_url(ProviderKind kind);
// True when the kind cannot work without an API key.
bool requires_api_key(ProviderKind kind);

struct ProviderConfig {
  std::string name;  // chosen by the user, unique
  ProviderKind kind = ProviderKind::OpenAi;
  std::string url;    // the service's base URL, e.g. https://api.openai.com/v1
  std::string model;  // for Azure OpenAI: the deployment name
  std::string api_key;  // plaintext, in memory only
  int max_tokens = 4096;
  double temperature = 0.2;
  std::string auth_header;    // replaces the kind's usual auth header when not empty
  std::string auth_prefix;    // put before the key in that header, e.g. "Bearer"
  std::string endpoint_path;  // replaces the kind's usual path when not empty
  std::string api_version;    // Azure OpenAI's api-version query parameter
};

inline constexpr int kMaxTokensLimit = 1'000'000;
inline constexpr std::string_view kDefaultAzureApiVersion = "2024-10-21";

// Throws Error(InvalidInput) with a message that says what is wrong and how to fix it: a URL
// without scheme, an empty model, a temperature or max tokens out of range, a header name or
// value that could split the request, a missing key for a kind that needs one.
void validate(const ProviderConfig& config);

// The key as the UI may show it: the last four characters at most, the rest masked.
std::string masked_key(std::string_view api_key);

}  // namespace tftsr::ai
