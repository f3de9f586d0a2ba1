#include <doctest/doctest.h>

#include "core/ai/provider.h"
#include "core/error.h"
#include "tests/unit/ai/stream_test_support.h"

using namespace tftsr;
using namespace tftsr::ai;

namespace {

struct Expected {
  std::string text;
  std::optional<std::int64_t> prompt_tokens, completion_tokens;
  std::string finish_reason;
};

// Decodes the stream whole, then cut at every byte offset, then byte by byte: the same result.
void check_every_split(ProviderKind kind, const std::string& file, const Expected& expected) {
  const auto provider = make_provider(test::config_of(kind));
  const std::string bytes = test::ai_data(file);
  const auto check = [&](const test::DecodedStream& d) {
    REQUIRE_FALSE(d.error.has_value());
    CHECK(d.text == expected.text);
    CHECK(d.streamed == expected.text);
    CHECK(d.complete);
    CHECK(d.usage.prompt_tokens == expected.prompt_tokens);
    CHECK(d.usage.completion_tokens == expected.completion_tokens);
    CHECK(d.finish_reason == expected.finish_reason);
  };
  check(test::decode_whole(*provider, bytes));
  for (std::size_t i = 0; i <= bytes.size(); ++i) {
    CAPTURE(i);
    check(test::decode_in_pieces(*provider, bytes, {i}));
  }
  std::vector<std::size_t> every;
  for (std::size_t i = 1; i < bytes.size(); ++i) every.push_back(i);
  check(test::decode_in_pieces(*provider, bytes, every));
}

}  // namespace

TEST_CASE("OpenAI stream: deltas, keep-alive comment, usage chunk, [DONE], at every split") {
  check_every_split(ProviderKind::OpenAi, "openai_stream.sse", {"Disk full on /var — ünïcode ✓", 57, 9, "stop"});
}

TEST_CASE("Azure OpenAI stream: prompt_filter_results chunk with empty choices") {
  check_every_split(ProviderKind::AzureOpenAi, "azure_openai_stream.sse", {"Disk full", 20, 3, "stop"});
}

TEST_CASE("Mistral stream: usage in the last content chunk") {
  check_every_split(ProviderKind::Mistral, "mistral_stream.sse", {"Check the inodes.", 12, 5, "stop"});
}

TEST_CASE("Anthropic stream: named events, ping, usage from message_start and message_delta") {
  check_every_split(ProviderKind::Anthropic, "anthropic_stream.sse", {"The OOM killer ended the JVM.", 25, 15, "end_turn"});
}

TEST_CASE("Gemini stream: CRLF line ends, no end marker, finishReason and usageMetadata") {
  check_every_split(ProviderKind::Gemini, "gemini_stream.sse", {"The certificate expired at 02:00 UTC.", 31, 8, "STOP"});
}

TEST_CASE("Ollama stream: NDJSON with done and eval counts") {
  check_every_split(ProviderKind::Ollama, "ollama_stream.ndjson", {"Restart the kubelet.", 10, 17, "stop"});
}

TEST_CASE("Anthropic error event mid-stream: a clear error, the text so far kept") {
  const auto provider = make_provider(test::config_of(ProviderKind::Anthropic));
  const std::string bytes = test::ai_data("anthropic_error_stream.sse");
  for (std::size_t i = 0; i <= bytes.size(); ++i) {
    CAPTURE(i);
    const auto d = test::decode_in_pieces(*provider, bytes, {i});
    REQUIRE(d.error.has_value());
    CHECK(*d.error == "Anthropic provider 'test' reported an error during the reply: overloaded_error: Overloaded");
    CHECK(d.text == "Partial");
    CHECK_FALSE(d.complete);
  }
}

TEST_CASE("members of an unexpected type in streamed events are passed over, never thrown as JSON errors") {
  // A proxy or a newer API version may send the same names with other types.
  const std::pair<ProviderKind, std::string> streams[] = {
      {ProviderKind::Anthropic,
       "event: message_start\ndata: {\"type\":{\"id\":\"msg_1\"},\"message\":[]}\n\n"
       "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"content_block\":\"text\"}\n\n"
       "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"delta\":{\"type\":7,\"text\":\"x\"}}\n\n"
       "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"delta\":{\"type\":\"text_delta\",\"text\":[1]}}\n\n"
       "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"delta\":{\"type\":\"text_delta\",\"text\":\"kept\"}}\n\n"
       "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":false},\"usage\":\"many\"}\n\n"
       "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"},
      {ProviderKind::Ollama,
       "{\"message\":{\"content\":\"kept\"},\"done\":\"no\"}\n{\"message\":{\"content\":\"\"},\"done\":true}\n"},
      {ProviderKind::Gemini,
       "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"kept\",\"thought\":\"maybe\"}]},"
       "\"finishReason\":\"STOP\"}]}\n\n"},
  };
  for (const auto& [kind, bytes] : streams) {
    CAPTURE(bytes);
    const auto provider = make_provider(test::config_of(kind));
    const auto d = test::decode_whole(*provider, bytes);
    CHECK_FALSE(d.error.has_value());
    CHECK(d.text == "kept");
    CHECK(d.complete);
  }
}

TEST_CASE("Ollama error line mid-stream: a clear error, the text so far kept") {
  const auto provider = make_provider(test::config_of(ProviderKind::Ollama));
  const std::string bytes = test::ai_data("ollama_error_stream.ndjson");
  for (std::size_t i = 0; i <= bytes.size(); ++i) {
    CAPTURE(i);
    const auto d = test::decode_in_pieces(*provider, bytes, {i});
    REQUIRE(d.error.has_value());
    CHECK(*d.error ==
          "Ollama provider 'test' reported an error during the reply: an error was encountered while running the "
          "model: unexpected EOF");
    CHECK(d.text == "Partial ");
  }
}

TEST_CASE("OpenAI error JSON mid-stream and as the whole body") {
  const auto provider = make_provider(test::config_of(ProviderKind::OpenAi));
  auto d = test::decode_whole(*provider,
                              "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}\n\n"
                              "data: {\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\"}}\n\n");
  REQUIRE(d.error);
  CHECK(*d.error == "OpenAI-compatible provider 'test' reported an error during the reply: server_error: The server had an error");
  CHECK(d.text == "Hi");

  d = test::decode_whole(*provider, "{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}");
  REQUIRE(d.error);
  CHECK(*d.error == "OpenAI-compatible provider 'test' reported an error: invalid_request_error: Incorrect API key provided");
}

TEST_CASE("a server that ignores stream:true and answers one JSON document still gives the reply") {
  const auto provider = make_provider(test::config_of(ProviderKind::OpenAi));
  const auto d = test::decode_whole(*provider, R"({"choices":[{"index":0,"message":{"role":"assistant","content":"Whole"},"finish_reason":"stop"}],"usage":{"prompt_tokens":3,"completion_tokens":1}})");
  REQUIRE_FALSE(d.error);
  CHECK(d.text == "Whole");
  CHECK(d.streamed == "Whole");
  CHECK(d.complete);
  CHECK(d.usage.completion_tokens == 1);
}

TEST_CASE("HTML instead of events is explained") {
  const auto provider = make_provider(test::config_of(ProviderKind::Gemini));
  const auto d = test::decode_in_pieces(
      *provider, "\n<!DOCTYPE html><html><head><title>Sign in - Corporate Proxy</title></head><body>...</body></html>", {5});
  REQUIRE(d.error);
  CHECK(*d.error ==
        "Gemini provider 'test' answered with an HTML page ('Sign in - Corporate Proxy') instead of JSON: the URL "
        "probably points at a web page, a proxy or a login portal rather than the API");
  const auto ollama = make_provider(test::config_of(ProviderKind::Ollama));
  CHECK(test::decode_whole(*ollama, "<html><body>502 Bad Gateway</body></html>").error.value_or("").find("HTML page") !=
        std::string::npos);
  CHECK(test::decode_whole(*ollama, "").error == "Ollama provider 'test' answered with an empty body");
}

TEST_CASE("a stream cut before its end marker is incomplete, not an error") {
  for (auto [kind, file] : {std::pair{ProviderKind::OpenAi, "openai_stream.sse"},
                            std::pair{ProviderKind::Anthropic, "anthropic_stream.sse"},
                            std::pair{ProviderKind::Gemini, "gemini_stream.sse"},
                            std::pair{ProviderKind::Ollama, "ollama_stream.ndjson"}}) {
    CAPTURE(file);
    const auto provider = make_provider(test::config_of(kind));
    const std::string bytes = test::ai_data(file);
    const auto d = test::decode_whole(*provider, bytes.substr(0, bytes.size() * 2 / 3));
    CHECK_FALSE(d.error);
    CHECK_FALSE(d.complete);
    CHECK_FALSE(d.text.empty());
  }
}

TEST_CASE("a reply that is one endless line ends with a clear error") {
  const auto provider = make_provider(test::config_of(ProviderKind::Ollama));
  auto decoder = provider->stream_decoder({.max_line_bytes = 64 * 1024, .max_reply_bytes = 1024 * 1024});
  const std::string chunk = "{\"message\":{\"content\":\"" + std::string(16 * 1024, 'a');
  CHECK_THROWS_WITH(
      {
        for (int i = 0; i < 100; ++i) decoder->feed(chunk);
      },
      "the provider sent a line longer than 64 KiB without a line end; the reply was stopped to keep memory bounded");
}

TEST_CASE("a reply over the size limit is cut off there, keeping what fits") {
  const auto provider = make_provider(test::config_of(ProviderKind::OpenAi));
  auto decoder = provider->stream_decoder({.max_line_bytes = 64 * 1024, .max_reply_bytes = 1024 * 1024});
  const std::string event = "data: {\"choices\":[{\"delta\":{\"content\":\"" + std::string(1000, 'z') + "\"}}]}\n\n";
  std::string message;
  try {
    for (int i = 0; i < 2000; ++i) decoder->feed(event);
  } catch (const Error& e) {
    message = e.what();
  }
  CHECK(message == "the reply passed 1 MiB and was cut off there");
  CHECK(decoder->text().size() == 1024 * 1024);
  CHECK_FALSE(decoder->complete());
}

TEST_CASE("invalid UTF-8 in a streamed reply is replaced") {
  const auto provider = make_provider(test::config_of(ProviderKind::Ollama));
  const auto d = test::decode_whole(*provider, "{\"message\":{\"content\":\"ok \xFF\xFE end\"},\"done\":true}\n");
  REQUIRE_FALSE(d.error);
  CHECK(d.text == "ok \xEF\xBF\xBD\xEF\xBF\xBD end");
}

TEST_CASE("non-streamed replies of every kind: text and token counts") {
  auto p = make_provider(test::config_of(ProviderKind::OpenAi));
  auto r = p->parse_reply(R"({"id":"x","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"A"},"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":1,"total_tokens":6}})");
  CHECK(r.text == "A");
  CHECK(r.usage.prompt_tokens == 5);
  CHECK(r.usage.completion_tokens == 1);

  p = make_provider(test::config_of(ProviderKind::Anthropic));
  r = p->parse_reply(R"({"id":"msg","type":"message","role":"assistant","content":[{"type":"text","text":"B1"},{"type":"text","text":"B2"}],"stop_reason":"end_turn","usage":{"input_tokens":7,"output_tokens":2}})");
  CHECK(r.text == "B1B2");
  CHECK(r.usage.prompt_tokens == 7);
  CHECK(r.finish_reason == "end_turn");

  p = make_provider(test::config_of(ProviderKind::Gemini));
  r = p->parse_reply(R"({"candidates":[{"content":{"parts":[{"text":"C"}],"role":"model"},"finishReason":"STOP"}],"usageMetadata":{"promptTokenCount":4,"candidatesTokenCount":1,"totalTokenCount":5}})");
  CHECK(r.text == "C");
  CHECK(r.usage.completion_tokens == 1);
  CHECK_THROWS_WITH(p->parse_reply(R"({"promptFeedback":{"blockReason":"SAFETY"}})"),
                    "Gemini provider 'test' refused the prompt (blockReason SAFETY)");

  p = make_provider(test::config_of(ProviderKind::Ollama));
  r = p->parse_reply(R"({"model":"llama3.1:8b","message":{"role":"assistant","content":"D"},"done":true,"done_reason":"stop","prompt_eval_count":26,"eval_count":298})");
  CHECK(r.text == "D");
  CHECK(r.usage.prompt_tokens == 26);
  CHECK(r.usage.completion_tokens == 298);

  p = make_provider(test::config_of(ProviderKind::CustomRest));
  r = p->parse_reply(R"({"msg":"E","sessionId":"conv-1"})");
  CHECK(r.text == "E");
  CHECK_THROWS_WITH(p->parse_reply(R"({"message":"E"})"),
                    "custom REST provider 'test' answered without a reply where its protocol puts one: '{\"message\":\"E\"}'");
}

TEST_CASE("HTTP errors are explained with the provider's own message") {
  const auto openai = make_provider(test::config_of(ProviderKind::OpenAi));
  CHECK(openai->explain_http_error(401, R"({"error":{"message":"Incorrect API key provided: sk-te***789.","type":"invalid_request_error","code":"invalid_api_key"}})") ==
        "OpenAI-compatible provider 'test' refused the API key (HTTP 401): invalid_request_error: Incorrect API key "
        "provided: sk-te***789.. Check the API key (and the auth header) in the provider settings.");
  const auto anthropic = make_provider(test::config_of(ProviderKind::Anthropic));
  CHECK(anthropic->explain_http_error(529, R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})") ==
        "Anthropic provider 'test' is overloaded (HTTP 529): overloaded_error: Overloaded. Try again later.");
  const auto ollama = make_provider(test::config_of(ProviderKind::Ollama));
  CHECK(ollama->explain_http_error(404, R"({"error":"model 'llama9' not found"})") ==
        "Ollama provider 'test' does not know the model or the endpoint (HTTP 404): model 'llama9' not found. Check "
        "the model name and the provider URL.");
  const auto gemini = make_provider(test::config_of(ProviderKind::Gemini));
  CHECK(gemini->explain_http_error(400, R"({"error":{"code":400,"message":"API key not valid.","status":"INVALID_ARGUMENT"}})") ==
        "Gemini provider 'test' rejected the request as malformed (HTTP 400): INVALID_ARGUMENT: API key not valid..");
  const auto mistral = make_provider(test::config_of(ProviderKind::Mistral));
  CHECK(mistral->explain_http_error(422, R"({"detail":[{"loc":["body","stream_options"],"msg":"Extra inputs are not permitted"}]})") ==
        "Mistral provider 'test' could not process the request (HTTP 422): [\"body\",\"stream_options\"]: Extra inputs are "
        "not permitted.");
  CHECK(openai->explain_http_error(502, "<html><head><title>502 Bad Gateway</title></head></html>") ==
        "OpenAI-compatible provider 'test' is behind a gateway that failed (HTTP 502): it answered with an HTML page "
        "('502 Bad Gateway'), so the URL may point at a proxy or web page rather than the API. Try again later.");
  CHECK(openai->explain_http_error(429, "slow down") ==
        "OpenAI-compatible provider 'test' is rate limiting or out of quota (HTTP 429): 'slow down'. Wait a moment, or "
        "check the plan's limits.");
}
