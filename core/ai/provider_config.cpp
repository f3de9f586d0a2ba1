#include "core/ai/provider_config.h"

#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>

#include "core/error.h"

namespace tftsr::ai {

namespace {

struct KindInfo {
  ProviderKind kind;
  std::string_view id;
  std::string_view url;
  bool needs_key;
};

constexpr std::array<KindInfo, 7> kKinds = {{
    {ProviderKind::OpenAi, "openai", "https://api.openai.com/v1", false},
    {ProviderKind::AzureOpenAi, "azure-openai", "", true},
    {ProviderKind::Anthropic, "anthropic", "https://api.anthropic.com", true},
    {ProviderKind::Gemini, "gemini", "https://generativelanguage.googleapis.com", true},
    {ProviderKind::Mistral, "mistral", "https://api.mistral.ai/v1", true},
    {ProviderKind::Ollama, "ollama", "http://localhost:11434", false},
    {ProviderKind::CustomRest, "custom-rest", "", false},
}};

constexpr std::array<ProviderKind, 7> kAllKinds = {
    ProviderKind::OpenAi,  ProviderKind::AzureOpenAi, ProviderKind::Anthropic, ProviderKind::Gemini,
    ProviderKind::Mistral, ProviderKind::Ollama,      ProviderKind::CustomRest,
};

const KindInfo& info(ProviderKind kind) {
  for (const auto& k : kKinds)
    if (k.kind == kind) return k;
  throw Error(ErrorKind::Internal, "unknown provider kind value");
}

[[noreturn]] void invalid(const std::string& message) { throw Error(ErrorKind::InvalidInput, message); }

bool has_control_char(std::string_view s) {
  for (unsigned char c : s)
    if (c < 0x20 || c == 0x7F) return true;
  return false;
}

// RFC 9110 token characters: what a header name may consist of.
bool is_header_token(std::string_view s) {
  if (s.empty()) return false;
  for (unsigned char c : s) {
    if (std::isalnum(c)) continue;
    if (std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) == std::string_view::npos) return false;
  }
  return true;
}

std::string number_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

void validate_url(const ProviderConfig& c) {
  const std::string& url = c.url;
  if (url.empty()) invalid("the provider URL is empty: give the address of the service, e.g. " +
                           std::string(default_url(c.kind).empty() ? "https://gateway.example.com" : default_url(c.kind)));
  if (has_control_char(url) || url.find(' ') != std::string::npos)
    invalid("the provider URL '" + url + "' contains spaces or control characters");
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos)
    invalid("the provider URL '" + url + "' has no scheme: write https://" + url +
            " (or http:// for a server on this machine)");
  std::string scheme = url.substr(0, scheme_end);
  for (auto& ch : scheme) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (scheme != "http" && scheme != "https")
    invalid("the provider URL '" + url + "' uses the scheme '" + scheme + "': only https:// and http:// work");
  const std::string rest = url.substr(scheme_end + 3);
  const std::string host = rest.substr(0, rest.find_first_of("/?#"));
  if (host.empty()) invalid("the provider URL '" + url + "' names no host");
  if (rest.find_first_of("?#") != std::string::npos)
    invalid("the provider URL '" + url + "' has a query or fragment: give the base address only" +
            (c.kind == ProviderKind::AzureOpenAi ? " (the api-version is a setting of its own)" : ""));
}

}  // namespace

std::span<const ProviderKind> all_provider_kinds() { return kAllKinds; }

std::string_view kind_id(ProviderKind kind) { return info(kind).id; }

ProviderKind parse_provider_kind(std::string_view id) {
  for (const auto& k : kKinds)
    if (k.id == id) return k.kind;
  std::string accepted;
  for (const auto& k : kKinds) accepted += (accepted.empty() ? "" : ", ") + std::string(k.id);
  invalid("unknown provider kind '" + std::string(id) + "': use one of " + accepted);
}

std::string_view default_url(ProviderKind kind) { return info(kind).url; }

bool requires_api_key(ProviderKind kind) { return info(kind).needs_key; }

void validate(const ProviderConfig& c) {
  if (c.name.empty() || c.name.find_first_not_of(" \t") == std::string::npos)
    invalid("the provider name is empty: give it a name to pick it by");
  if (c.name.size() > 100) invalid("the provider name is longer than 100 characters");
  if (has_control_char(c.name)) invalid("the provider name contains control characters");
  validate_url(c);
  if (c.model.empty() || c.model.find_first_not_of(" \t") == std::string::npos)
    invalid(c.kind == ProviderKind::AzureOpenAi ? "the model is empty: give the name of the Azure OpenAI deployment"
                                                : "the model is empty: name the model to use, e.g. " +
                                                      std::string(c.kind == ProviderKind::Ollama ? "llama3.1:8b"
                                                                                                   : "the one your service lists"));
  if (has_control_char(c.model)) invalid("the model name contains control characters");
  if ((c.kind == ProviderKind::AzureOpenAi || c.kind == ProviderKind::Gemini) &&
      c.model.find_first_of("/?#% ") != std::string::npos && c.model.rfind("models/", 0) != 0)
    invalid("the model '" + c.model + "' cannot be part of a URL path: give the plain " +
            (c.kind == ProviderKind::AzureOpenAi ? "deployment" : "model") + " name");
  if (c.max_tokens < 1 || c.max_tokens > kMaxTokensLimit)
    invalid("max tokens " + std::to_string(c.max_tokens) + " is out of range: use 1 to " +
            std::to_string(kMaxTokensLimit));
  const double max_temperature = c.kind == ProviderKind::Anthropic ? 1.0 : 2.0;
  if (!std::isfinite(c.temperature) || c.temperature < 0.0 || c.temperature > max_temperature)
    invalid("temperature " + number_text(c.temperature) + " is out of range: use 0 to " +
            number_text(max_temperature) + (c.kind == ProviderKind::Anthropic ? " for Anthropic" : ""));
  if (!c.auth_header.empty() && !is_header_token(c.auth_header))
    invalid("the auth header name '" + c.auth_header + "' is not a valid HTTP header name");
  if (has_control_char(c.auth_prefix)) invalid("the auth prefix contains control characters");
  if (has_control_char(c.api_key))
    invalid("the API key contains a line break or control character: paste the key alone");
  if (!c.endpoint_path.empty() && (c.endpoint_path[0] != '/' || has_control_char(c.endpoint_path) ||
                                   c.endpoint_path.find(' ') != std::string::npos))
    invalid("the endpoint path '" + c.endpoint_path + "' must start with / and hold no spaces");
  if (!c.api_version.empty()) {
    for (unsigned char ch : c.api_version)
      if (!std::isalnum(ch) && ch != '-' && ch != '.' && ch != '_')
        invalid("the api-version '" + c.api_version + "' may only hold letters, digits, '-', '.' and '_'");
  }
  if (requires_api_key(c.kind) && c.api_key.empty())
    invalid("a provider of kind " + std::string(kind_id(c.kind)) + " needs an API key");
}

std::string masked_key(std::string_view key) {
  if (key.empty()) return "";
  if (key.size() <= 8) return std::string(key.size(), '*');
  return std::string(8, '*') + std::string(key.substr(key.size() - 4));
}

}  // namespace tftsr::ai
