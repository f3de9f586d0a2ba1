// A provider's reply is bytes from the network: arbitrary bytes through every kind's stream
// decoder, whole and split into uneven pieces. Only tftsr::Error may be thrown, and both ways of
// feeding must agree on the text (framing must not depend on where reads end).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/ai/provider.h"
#include "core/error.h"

using namespace tftsr::ai;

namespace {

constexpr ProviderKind kKinds[] = {ProviderKind::OpenAi, ProviderKind::AzureOpenAi, ProviderKind::Anthropic,
                                   ProviderKind::Gemini, ProviderKind::Mistral,     ProviderKind::Ollama,
                                   ProviderKind::CustomRest};

struct Outcome {
  std::string text;
  bool failed = false;
};

Outcome decode(const Provider& provider, std::string_view body, std::size_t piece) {
  StreamLimits limits;
  limits.max_line_bytes = 4096;  // small bounds, so the fuzzer reaches them
  limits.max_reply_bytes = 16384;
  auto decoder = provider.stream_decoder(limits);
  Outcome out;
  try {
    for (std::size_t at = 0; at < body.size(); at += piece) decoder->feed(body.substr(at, piece));
    decoder->finish();
  } catch (const tftsr::Error&) {
    out.failed = true;
  }
  out.text = decoder->text();
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  ProviderConfig config;
  config.kind = kKinds[data[0] % std::size(kKinds)];
  config.name = "fuzz";
  config.url = "http://127.0.0.1:1";
  config.model = "m";
  config.api_key = "k";
  const auto provider = make_provider(config);
  const std::string_view body(reinterpret_cast<const char*>(data) + 1, size - 1);
  const Outcome whole = decode(*provider, body, body.size() + 1);
  const Outcome split = decode(*provider, body, 1 + (size % 7));
  if (whole.failed != split.failed) std::abort();
  if (!whole.failed && whole.text != split.text) std::abort();
  return 0;
}
