#include "tests/unit/chat/chat_fixture.h"

#include <fstream>
#include <nlohmann/json.hpp>

#include "core/ai/provider_config.h"
#include "core/net/network_runtime.h"

namespace tftsr::test {

namespace {
const net::NetworkRuntime runtime;  // libcurl's global state, as main makes it
}

ScriptedReply openai_stream(const std::string& text, std::size_t piece, int delay_ms, bool complete) {
  std::vector<BodyPiece> pieces;
  for (std::size_t at = 0; at < text.size(); at += piece) {
    const nlohmann::json chunk = {{"choices", {{{"index", 0}, {"delta", {{"content", text.substr(at, piece)}}}}}}};
    pieces.push_back({delay_ms, "data: " + chunk.dump() + "\n\n"});
  }
  if (complete) {
    pieces.push_back({0, R"(data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}],)"
                         R"("usage":{"prompt_tokens":120,"completion_tokens":40,"total_tokens":160}})"
                         "\n\n"});
    pieces.push_back({0, "data: [DONE]\n\n"});
    return ScriptedReply::streamed(std::move(pieces));
  }
  return ScriptedReply::close_after(std::move(pieces));
}

std::string with_why_block(const std::string& text, int level, const std::string& question, const std::string& answer,
                           const std::string& root_cause) {
  const nlohmann::json block = {{"why_level", level},
                                {"why_question", question},
                                {"answer", answer.empty() ? nlohmann::json() : nlohmann::json(answer)},
                                {"root_cause", root_cause.empty() ? nlohmann::json() : nlohmann::json(root_cause)}};
  return text + "\n\n```json\n" + block.dump() + "\n```\n";
}

ChatFixture::ChatFixture(std::vector<ScriptedReply> script) : server(std::move(script)) {
  ai::ProviderConfig c;
  c.name = "loopback";
  c.kind = ai::ProviderKind::OpenAi;
  c.url = server.url("/v1");
  c.model = "gpt-test";
  c.api_key = kChatApiKey;
  t->ai().add_provider(c);
}

std::string ChatFixture::add_log(const std::string& name, const std::string& text) {
  const auto path = dir.path() / name;
  std::ofstream(path, std::ios::binary) << text;
  return t->logs().add(incident, path).id;
}

std::string ChatFixture::all_bodies() const {
  std::string out;
  for (const auto& r : server.requests()) out += r.body;
  return out;
}

}  // namespace tftsr::test
