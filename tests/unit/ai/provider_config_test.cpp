#include <doctest/doctest.h>

#include "core/ai/provider_config.h"
#include "core/error.h"
#include "tests/unit/ai/stream_test_support.h"

using namespace tftsr;
using namespace tftsr::ai;

namespace {
std::string problem(const ProviderConfig& c) {
  try {
    validate(c);
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::InvalidInput);
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("provider kinds: ids round-trip and an unknown one names the accepted ids") {
  for (ProviderKind kind : all_provider_kinds()) CHECK(parse_provider_kind(kind_id(kind)) == kind);
  CHECK_THROWS_WITH(parse_provider_kind("chatgpt"),
                    "unknown provider kind 'chatgpt': use one of openai, azure-openai, anthropic, gemini, mistral, "
                    "ollama, custom-rest");
}

TEST_CASE("a complete config of every kind is valid") {
  for (ProviderKind kind : all_provider_kinds()) {
    CAPTURE(kind_id(kind));
    CHECK(problem(test::config_of(kind)).empty());
  }
}

TEST_CASE("config validation: each fault has its own message") {
  auto c = test::config_of(ProviderKind::OpenAi);
  c.url = "api.openai.com/v1";
  CHECK(problem(c) == "the provider URL 'api.openai.com/v1' has no scheme: write https://api.openai.com/v1 (or "
                      "http:// for a server on this machine)");
  c.url = "ftp://example.com";
  CHECK(problem(c) == "the provider URL 'ftp://example.com' uses the scheme 'ftp': only https:// and http:// work");
  c.url = "https://";
  CHECK(problem(c) == "the provider URL 'https://' names no host");
  c.url = "https://x.example.com/v1?key=1";
  CHECK(problem(c) == "the provider URL 'https://x.example.com/v1?key=1' has a query or fragment: give the base address only");
  c.url = "";
  CHECK(problem(c) == "the provider URL is empty: give the address of the service, e.g. https://api.openai.com/v1");

  c = test::config_of(ProviderKind::Ollama);
  c.model = "";
  CHECK(problem(c) == "the model is empty: name the model to use, e.g. llama3.1:8b");
  c = test::config_of(ProviderKind::AzureOpenAi);
  c.model = " ";
  CHECK(problem(c) == "the model is empty: give the name of the Azure OpenAI deployment");
  c.model = "a/b";
  CHECK(problem(c) == "the model 'a/b' cannot be part of a URL path: give the plain deployment name");

  c = test::config_of(ProviderKind::OpenAi);
  c.temperature = 2.5;
  CHECK(problem(c) == "temperature 2.5 is out of range: use 0 to 2");
  c.temperature = -0.1;
  CHECK(problem(c) == "temperature -0.1 is out of range: use 0 to 2");
  c = test::config_of(ProviderKind::Anthropic);
  c.temperature = 1.5;
  CHECK(problem(c) == "temperature 1.5 is out of range: use 0 to 1 for Anthropic");
  c = test::config_of(ProviderKind::OpenAi);
  c.max_tokens = 0;
  CHECK(problem(c) == "max tokens 0 is out of range: use 1 to 1000000");
  c.max_tokens = 2'000'000;
  CHECK(problem(c) == "max tokens 2000000 is out of range: use 1 to 1000000");

  c = test::config_of(ProviderKind::CustomRest);
  c.auth_header = "X-Key\r\nEvil: 1";
  CHECK(problem(c) == "the auth header name 'X-Key\r\nEvil: 1' is not a valid HTTP header name");
  c = test::config_of(ProviderKind::OpenAi);
  c.api_key = "sk-abc\n";
  CHECK(problem(c) == "the API key contains a line break or control character: paste the key alone");
  c = test::config_of(ProviderKind::OpenAi);
  c.endpoint_path = "chat";
  CHECK(problem(c) == "the endpoint path 'chat' must start with / and hold no spaces");
  c = test::config_of(ProviderKind::Anthropic);
  c.api_key.clear();
  CHECK(problem(c) == "a provider of kind anthropic needs an API key");
  c = test::config_of(ProviderKind::OpenAi);
  c.api_key.clear();  // LM Studio, vLLM: no key
  CHECK(problem(c).empty());
  c.name = "";
  CHECK(problem(c) == "the provider name is empty: give it a name to pick it by");
}

TEST_CASE("a key is shown masked") {
  CHECK(masked_key("") == "");
  CHECK(masked_key("short") == "*****");
  CHECK(masked_key("sk-proj-abcdefghijklmnop") == "********mnop");
}
