#include <doctest/doctest.h>

#include <map>

#include <nlohmann/json.hpp>

#include "core/ai/provider.h"
#include "core/ai/request_helpers.h"
#include "core/error.h"
#include "tests/unit/ai/stream_test_support.h"

using namespace tftsr;
using namespace tftsr::ai;
using nlohmann::json;

namespace {

std::string header(const ProviderRequest& r, std::string_view name) {
  for (const auto& h : r.headers)
    if (h.name == name) return h.value;
  return "<none>";
}

bool secret_headers_hold_key_only(const ProviderRequest& r, const std::string& key) {
  for (const auto& h : r.headers)
    if ((h.value.find(key) != std::string::npos) != h.secret) return false;
  return true;
}

const json kOpenAiMessages = json::parse(R"([
  {"role":"system","content":"You are a Linux expert."},
  {"role":"user","content":"The disk is full."},
  {"role":"assistant","content":"Which filesystem?"},
  {"role":"user","content":"/var on [Hostname_1]"}])");

}  // namespace

TEST_CASE("OpenAI-compatible: URL, bearer auth, streaming body with include_usage") {
  const auto p = make_provider(test::config_of(ProviderKind::OpenAi));
  const auto r = p->build_request(test::sample_chat());
  CHECK(r.method == "POST");
  CHECK(r.url == "https://api.openai.com/v1/chat/completions");
  CHECK(r.response_format == ResponseFormat::Sse);
  CHECK(header(r, "Authorization") == "Bearer sk-test-0123456789");
  CHECK(header(r, "Content-Type") == "application/json");
  CHECK(header(r, "Accept") == "text/event-stream");
  CHECK(secret_headers_hold_key_only(r, "sk-test-0123456789"));
  const auto body = json::parse(r.body);
  CHECK(body == json{{"model", "some-model"},
                     {"messages", kOpenAiMessages},
                     {"max_tokens", 1024},
                     {"temperature", 0.5},
                     {"stream", true},
                     {"stream_options", {{"include_usage", true}}}});

  const auto whole = p->build_request(test::sample_chat(false));
  CHECK(whole.response_format == ResponseFormat::Json);
  CHECK_FALSE(json::parse(whole.body).contains("stream_options"));
  CHECK(json::parse(whole.body)["stream"] == false);
}

TEST_CASE("OpenAI-compatible: local server without key, pasted full endpoint, custom path and header") {
  auto c = test::config_of(ProviderKind::OpenAi);
  c.url = "http://localhost:1234/v1/chat/completions/";
  c.api_key.clear();
  auto r = make_provider(c)->build_request(test::sample_chat());
  CHECK(r.url == "http://localhost:1234/v1/chat/completions");
  CHECK(header(r, "Authorization") == "<none>");

  c.url = "https://litellm.example.com";
  c.endpoint_path = "/proxy/v1/chat/completions";
  c.api_key = "k-1";
  c.auth_header = "X-Api-Token";
  c.auth_prefix = "Token";
  r = make_provider(c)->build_request(test::sample_chat());
  CHECK(r.url == "https://litellm.example.com/proxy/v1/chat/completions");
  CHECK(header(r, "X-Api-Token") == "Token k-1");
  CHECK(header(r, "Authorization") == "<none>");
}

TEST_CASE("Azure OpenAI: deployment path, api-version, api-key header, no model in the body") {
  auto c = test::config_of(ProviderKind::AzureOpenAi);
  auto r = make_provider(c)->build_request(test::sample_chat());
  CHECK(r.url == "https://contoso.openai.azure.com/openai/deployments/gpt4o-prod/chat/completions?api-version=2024-10-21");
  CHECK(header(r, "api-key") == "sk-test-0123456789");
  CHECK(header(r, "Authorization") == "<none>");
  auto body = json::parse(r.body);
  CHECK_FALSE(body.contains("model"));
  CHECK(body["messages"] == kOpenAiMessages);
  CHECK(body["stream_options"] == json{{"include_usage", true}});

  c.api_version = "2024-02-01";  // before include_usage existed on Azure
  r = make_provider(c)->build_request(test::sample_chat());
  CHECK(r.url.ends_with("?api-version=2024-02-01"));
  CHECK_FALSE(json::parse(r.body).contains("stream_options"));
}

TEST_CASE("Anthropic: /v1/messages, x-api-key, anthropic-version, top-level system") {
  const auto r = make_provider(test::config_of(ProviderKind::Anthropic))->build_request(test::sample_chat());
  CHECK(r.url == "https://api.anthropic.com/v1/messages");
  CHECK(header(r, "x-api-key") == "sk-test-0123456789");
  CHECK(header(r, "anthropic-version") == "2023-06-01");
  CHECK(header(r, "Authorization") == "<none>");
  CHECK(secret_headers_hold_key_only(r, "sk-test-0123456789"));
  CHECK(json::parse(r.body) == json::parse(R"({
    "model": "some-model", "max_tokens": 1024, "system": "You are a Linux expert.",
    "messages": [{"role":"user","content":"The disk is full."},
                 {"role":"assistant","content":"Which filesystem?"},
                 {"role":"user","content":"/var on [Hostname_1]"}],
    "temperature": 0.5, "stream": true})"));
}

TEST_CASE("Anthropic and Gemini: a history trimmed to start with the assistant starts at the first user turn") {
  auto chat = test::sample_chat();
  chat.turns.erase(chat.turns.begin());  // now opens with "Which filesystem?"
  auto body = json::parse(make_provider(test::config_of(ProviderKind::Anthropic))->build_request(chat).body);
  CHECK(body["messages"].size() == 1);
  CHECK(body["messages"][0]["role"] == "user");
  body = json::parse(make_provider(test::config_of(ProviderKind::Gemini))->build_request(chat).body);
  CHECK(body["contents"].size() == 1);
}

TEST_CASE("Gemini: streamGenerateContent?alt=sse, x-goog-api-key, systemInstruction and contents") {
  auto c = test::config_of(ProviderKind::Gemini);
  c.model = "models/gemini-2.0-flash";
  const auto p = make_provider(c);
  const auto r = p->build_request(test::sample_chat());
  CHECK(r.url == "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse");
  CHECK(header(r, "x-goog-api-key") == "sk-test-0123456789");
  CHECK(r.url.find("key=") == std::string::npos);  // never the key in the URL
  CHECK(json::parse(r.body) == json::parse(R"({
    "systemInstruction": {"parts": [{"text": "You are a Linux expert."}]},
    "contents": [{"role":"user","parts":[{"text":"The disk is full."}]},
                 {"role":"model","parts":[{"text":"Which filesystem?"}]},
                 {"role":"user","parts":[{"text":"/var on [Hostname_1]"}]}],
    "generationConfig": {"maxOutputTokens": 1024, "temperature": 0.5}})"));
  CHECK(p->build_request(test::sample_chat(false)).url ==
        "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:generateContent");
}

TEST_CASE("Mistral: OpenAI-style without stream_options") {
  const auto r = make_provider(test::config_of(ProviderKind::Mistral))->build_request(test::sample_chat());
  CHECK(r.url == "https://api.mistral.ai/v1/chat/completions");
  CHECK(header(r, "Authorization") == "Bearer sk-test-0123456789");
  const auto body = json::parse(r.body);
  CHECK(body["messages"] == kOpenAiMessages);
  CHECK(body["stream"] == true);
  CHECK_FALSE(body.contains("stream_options"));
}

TEST_CASE("Ollama: /api/chat, NDJSON, options, explicit stream flag, no auth without a key") {
  auto c = test::config_of(ProviderKind::Ollama);
  c.api_key.clear();
  const auto p = make_provider(c);
  const auto r = p->build_request(test::sample_chat());
  CHECK(r.url == "http://localhost:11434/api/chat");
  CHECK(r.response_format == ResponseFormat::Ndjson);
  CHECK(header(r, "Authorization") == "<none>");
  CHECK(json::parse(r.body) == json{{"model", "llama3.1:8b"},
                                    {"messages", kOpenAiMessages},
                                    {"stream", true},
                                    {"options", {{"temperature", 0.5}, {"num_predict", 1024}}}});
  CHECK(json::parse(p->build_request(test::sample_chat(false)).body)["stream"] == false);
}

TEST_CASE("Custom REST: one prompt with sessionId and userId, system prompt on the first turn only") {
  auto c = test::config_of(ProviderKind::CustomRest);
  c.endpoint_path = "/api/v2/chat";
  const auto p = make_provider(c);
  CHECK_FALSE(p->supports_streaming());
  auto r = p->build_request(test::sample_chat());
  CHECK(r.url == "https://gateway.example.com/api/v2/chat");
  CHECK(r.response_format == ResponseFormat::Json);
  CHECK(header(r, "Authorization") == "Bearer sk-test-0123456789");
  CHECK(json::parse(r.body) == json{{"prompt", "/var on [Hostname_1]"}, {"sessionId", "conv-1"}, {"userId", "user-1"}});
  ChatRequest first;
  first.system_prompt = "SYSTEM";
  first.turns = {{ChatRole::User, "hello"}};
  first.session_id = "s";
  r = p->build_request(first);
  CHECK(json::parse(r.body)["prompt"] == "SYSTEM\n\nhello");
}

TEST_CASE("a chat without a final user turn is refused") {
  const auto p = make_provider(test::config_of(ProviderKind::OpenAi));
  ChatRequest chat;
  CHECK_THROWS_AS(p->build_request(chat), Error);
  chat.turns = {{ChatRole::User, "q"}, {ChatRole::Assistant, "a"}};
  CHECK_THROWS_WITH(p->build_request(chat), "a chat request must end with the user's message");
}

TEST_CASE("make_provider validates") {
  auto c = test::config_of(ProviderKind::Gemini);
  c.url = "generativelanguage.googleapis.com";
  CHECK_THROWS_WITH(make_provider(c), doctest::Contains("has no scheme"));
}

TEST_CASE("join_url") {
  CHECK(join_url("https://h/v1", "/chat/completions") == "https://h/v1/chat/completions");
  CHECK(join_url("https://h/v1/", "chat/completions") == "https://h/v1/chat/completions");
  CHECK(join_url("https://h/v1/chat/completions", "/chat/completions") == "https://h/v1/chat/completions");
  CHECK(join_url("https://h/gw/", "") == "https://h/gw");
}

TEST_CASE("a body with invalid UTF-8 in the text is still valid JSON") {
  auto chat = test::sample_chat();
  chat.turns.back().text = "bad \xFF byte";
  const auto r = make_provider(test::config_of(ProviderKind::OpenAi))->build_request(chat);
  CHECK(json::parse(r.body)["messages"][3]["content"] == "bad \xEF\xBF\xBD byte");
}

namespace {

// The bytes of a PNG signature and header: binary, so base64 must be exact.
const std::string kPngA = std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR-a", 18);
const std::string kPngB = std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR-bb", 19);
const std::string kPngA64 = "iVBORw0KGgoAAAANSUhEUi1h";
const std::string kPngB64 = "iVBORw0KGgoAAAANSUhEUi1iYg==";

// sample_chat() with two images on the newest user turn.
ChatRequest chat_with_images() {
  auto chat = test::sample_chat();
  chat.turns.back().images_png = {kPngA, kPngB};
  return chat;
}

}  // namespace

TEST_CASE("images: the fixed base64 forms are what base64 of the PNG bytes gives") {
  CHECK(png_base64(kPngA) == kPngA64);
  CHECK(png_base64(kPngB) == kPngB64);
  CHECK(png_data_url(kPngA) == "data:image/png;base64," + kPngA64);
}

TEST_CASE("images: OpenAI-compatible and Azure send content parts with image_url objects") {
  for (auto kind : {ProviderKind::OpenAi, ProviderKind::AzureOpenAi}) {
    const std::string kind_name(kind_id(kind));
    CAPTURE(kind_name);
    const auto p = make_provider(test::config_of(kind));
    const auto body = json::parse(p->build_request(chat_with_images()).body);
    CHECK(body["messages"][1] == kOpenAiMessages[1]);  // earlier turns keep a plain string
    CHECK(body["messages"][3] == json::parse(R"({"role":"user","content":[
      {"type":"text","text":"/var on [Hostname_1]"},
      {"type":"image_url","image_url":{"url":"data:image/png;base64,)" + kPngA64 + R"("}},
      {"type":"image_url","image_url":{"url":"data:image/png;base64,)" + kPngB64 + R"("}}]})"));
  }
}

TEST_CASE("images: Mistral sends image_url as the data URL string") {
  const auto body = json::parse(make_provider(test::config_of(ProviderKind::Mistral))->build_request(chat_with_images()).body);
  CHECK(body["messages"][3]["content"] == json::parse(R"([
    {"type":"text","text":"/var on [Hostname_1]"},
    {"type":"image_url","image_url":"data:image/png;base64,)" + kPngA64 + R"("},
    {"type":"image_url","image_url":"data:image/png;base64,)" + kPngB64 + R"("}])"));
}

TEST_CASE("images: Anthropic sends base64 image blocks before the text block") {
  const auto body = json::parse(make_provider(test::config_of(ProviderKind::Anthropic))->build_request(chat_with_images()).body);
  CHECK(body["messages"][0]["content"] == "The disk is full.");
  CHECK(body["messages"][2]["content"] == json::parse(R"([
    {"type":"image","source":{"type":"base64","media_type":"image/png","data":")" + kPngA64 + R"("}},
    {"type":"image","source":{"type":"base64","media_type":"image/png","data":")" + kPngB64 + R"("}},
    {"type":"text","text":"/var on [Hostname_1]"}])"));
}

TEST_CASE("images: Gemini sends inline_data parts before the text part") {
  const auto body = json::parse(make_provider(test::config_of(ProviderKind::Gemini))->build_request(chat_with_images()).body);
  CHECK(body["contents"][0]["parts"] == json::parse(R"([{"text":"The disk is full."}])"));
  CHECK(body["contents"][2]["parts"] == json::parse(R"([
    {"inline_data":{"mime_type":"image/png","data":")" + kPngA64 + R"("}},
    {"inline_data":{"mime_type":"image/png","data":")" + kPngB64 + R"("}},
    {"text":"/var on [Hostname_1]"}])"));
}

TEST_CASE("images: Ollama puts base64 without a data: prefix in the message's images list") {
  const auto body = json::parse(make_provider(test::config_of(ProviderKind::Ollama))->build_request(chat_with_images()).body);
  CHECK_FALSE(body["messages"][1].contains("images"));
  CHECK(body["messages"][3] == json{{"role", "user"}, {"content", "/var on [Hostname_1]"}, {"images", {kPngA64, kPngB64}}});
}

TEST_CASE("images: custom REST refuses a chat with images, even on an earlier turn") {
  const auto p = make_provider(test::config_of(ProviderKind::CustomRest));
  CHECK_THROWS_WITH(p->build_request(chat_with_images()), doctest::Contains("does not accept images"));
  auto chat = test::sample_chat();
  chat.turns.front().images_png = {kPngA};
  try {
    p->build_request(chat);
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::InvalidInput);
  }
}

TEST_CASE("images: an image on an assistant turn is a caller bug") {
  auto chat = test::sample_chat();
  chat.turns[1].images_png = {kPngA};
  CHECK_THROWS_WITH(make_provider(test::config_of(ProviderKind::OpenAi))->build_request(chat),
                    "only the user's messages can carry images");
}

TEST_CASE("images: a chat without images builds the same bytes as before images existed") {
  // Byte-exact bodies for sample_chat(), written down before images were added.
  const std::map<ProviderKind, std::string> expected = {
      {ProviderKind::OpenAi,
       R"({"max_tokens":1024,"messages":[{"content":"You are a Linux expert.","role":"system"},{"content":"The disk is full.","role":"user"},{"content":"Which filesystem?","role":"assistant"},{"content":"/var on [Hostname_1]","role":"user"}],"model":"some-model","stream":true,"stream_options":{"include_usage":true},"temperature":0.5})"},
      {ProviderKind::Anthropic,
       R"({"max_tokens":1024,"messages":[{"content":"The disk is full.","role":"user"},{"content":"Which filesystem?","role":"assistant"},{"content":"/var on [Hostname_1]","role":"user"}],"model":"some-model","stream":true,"system":"You are a Linux expert.","temperature":0.5})"},
      {ProviderKind::Gemini,
       R"({"contents":[{"parts":[{"text":"The disk is full."}],"role":"user"},{"parts":[{"text":"Which filesystem?"}],"role":"model"},{"parts":[{"text":"/var on [Hostname_1]"}],"role":"user"}],"generationConfig":{"maxOutputTokens":1024,"temperature":0.5},"systemInstruction":{"parts":[{"text":"You are a Linux expert."}]}})"},
      {ProviderKind::Ollama,
       R"({"messages":[{"content":"You are a Linux expert.","role":"system"},{"content":"The disk is full.","role":"user"},{"content":"Which filesystem?","role":"assistant"},{"content":"/var on [Hostname_1]","role":"user"}],"model":"llama3.1:8b","options":{"num_predict":1024,"temperature":0.5},"stream":true})"},
  };
  for (const auto& [kind, body] : expected) {
    const std::string kind_name(kind_id(kind));
    CAPTURE(kind_name);
    CHECK(make_provider(test::config_of(kind))->build_request(test::sample_chat()).body == body);
  }
}
