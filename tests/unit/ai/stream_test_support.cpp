#include "tests/unit/ai/stream_test_support.h"

#include "core/error.h"
#include "tests/support/temp_dir.h"

namespace tftsr::test {

std::string ai_data(const std::string& name) {
  const std::string bytes = read_file(std::filesystem::path(TFTSR_TEST_DATA_DIR) / "ai" / name);
  if (bytes.empty()) throw std::runtime_error("missing test data ai/" + name);
  return bytes;
}

DecodedStream decode_in_pieces(const ai::Provider& provider, std::string_view bytes, const std::vector<std::size_t>& cuts,
                               ai::StreamLimits limits) {
  auto decoder = provider.stream_decoder(limits);
  DecodedStream out;
  try {
    std::size_t from = 0;
    for (std::size_t cut : cuts) {
      out.streamed += decoder->feed(bytes.substr(from, cut - from));
      from = cut;
    }
    out.streamed += decoder->feed(bytes.substr(from));
    out.streamed += decoder->finish();
  } catch (const Error& e) {
    out.error = e.what();
  }
  out.text = decoder->text();
  out.usage = decoder->usage();
  out.complete = decoder->complete();
  out.finish_reason = decoder->finish_reason();
  return out;
}

DecodedStream decode_whole(const ai::Provider& provider, std::string_view bytes, ai::StreamLimits limits) {
  return decode_in_pieces(provider, bytes, {}, limits);
}

ai::ProviderConfig config_of(ai::ProviderKind kind) {
  ai::ProviderConfig c;
  c.name = "test";
  c.kind = kind;
  c.url = std::string(ai::default_url(kind));
  if (c.url.empty()) c.url = kind == ai::ProviderKind::AzureOpenAi ? "https://contoso.openai.azure.com" : "https://gateway.example.com";
  c.model = kind == ai::ProviderKind::Ollama ? "llama3.1:8b" : kind == ai::ProviderKind::AzureOpenAi ? "gpt4o-prod" : "some-model";
  c.api_key = "sk-test-0123456789";
  c.max_tokens = 1024;
  c.temperature = 0.5;
  return c;
}

ai::ChatRequest sample_chat(bool stream) {
  ai::ChatRequest chat;
  chat.system_prompt = "You are a Linux expert.";
  chat.turns = {{ai::ChatRole::User, "The disk is full."},
                {ai::ChatRole::Assistant, "Which filesystem?"},
                {ai::ChatRole::User, "/var on [Hostname_1]"}};
  chat.stream = stream;
  chat.session_id = "conv-1";
  chat.user_id = "user-1";
  return chat;
}

}  // namespace tftsr::test
