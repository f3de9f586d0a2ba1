// Every provider kind end to end over real HTTP: provider.build_request() goes out through the
// outbound gate's stream() to a loopback server that answers in the kind's own wire format, and
// provider.stream_decoder() reads what comes back. The prompts hold no personal data, so the
// gate sends them unchanged.
#include <doctest/doctest.h>

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/ai/provider.h"
#include "core/crypto/sha256.h"
#include "core/error.h"
#include "core/net/network_error.h"
#include "tests/fakes/ai_provider_fake.h"
#include "tests/unit/ai/provider_outbound.h"
#include "tests/unit/net/gate_fixture.h"

using namespace tftsr;
using namespace tftsr::test;
using ai::ProviderKind;
using net::NetworkFailure;

// The whole text on failure, not just "false".
#define CHECK_CONTAINS(text, part) CHECK_MESSAGE(std::string(text).find(part) != std::string::npos, (text))

namespace {

const std::string kReply = "The journal under /var grew to 40 GB after log rotation stopped — ünïcode ✓ fine.";

ai::ProviderConfig config_for(ProviderKind kind, const LoopbackHttpServer& server) {
  ai::ProviderConfig c;
  c.name = "fake";
  c.kind = kind;
  c.model = kind == ProviderKind::Ollama ? "llama3.1:8b" : kind == ProviderKind::AzureOpenAi ? "gpt4o-prod" : "some-model";
  c.api_key = kApiKey;
  c.max_tokens = 256;
  c.temperature = 0.1;
  const bool v1_base = kind == ProviderKind::OpenAi || kind == ProviderKind::Mistral;
  c.url = server.url(v1_base ? "/v1" : "");
  if (kind == ProviderKind::CustomRest) c.endpoint_path = "/api/v2/chat";
  if (kind == ProviderKind::AzureOpenAi) c.api_version = "2024-10-21";
  return c;
}

ai::ChatRequest chat(bool stream = true) {
  ai::ChatRequest c;
  c.system_prompt = "You are a Linux expert.";
  c.turns = {{ai::ChatRole::User, "Why does the disk fill up every night?"}};
  c.stream = stream;
  c.session_id = "conv-1";
  c.user_id = "user-1";
  return c;
}

// Short waits so that retries, stalls and failures end fast.
net::HttpOptions fast_options() {
  net::HttpOptions o;
  o.connect_timeout_ms = 3000;
  o.idle_timeout_ms = 3000;
  o.retry_base_ms = 10;
  o.retry_cap_ms = 50;  // whatever Retry-After says
  o.max_retries = 2;
  return o;
}

struct Exchange {
  std::string text;      // decoder->text()
  std::string streamed;  // what feed() and finish() returned, joined
  ai::TokenUsage usage;
  bool complete = false;
  std::string finish_reason;
  int reads = 0;  // chunks the sink received
  std::optional<std::string> decode_error;
  std::optional<NetworkFailure> failure;
  std::string transport_error;
  net::HttpResponse response;
};

// Sends the chat for `provider` through the fixture's gate and decodes the streamed reply.
Exchange exchange(GateFixture& f, const ai::Provider& provider, const ai::ChatRequest& c,
                  net::HttpOptions options = fast_options()) {
  auto request = outbound_request(provider, c);
  request.options = options;
  const auto decoder = provider.stream_decoder();
  Exchange out;
  // A decoder error must not cross libcurl's C callback: it stops the transfer instead.
  const net::ChunkSink sink = [&](std::string_view chunk) {
    ++out.reads;
    try {
      out.streamed += decoder->feed(chunk);
      return true;
    } catch (const Error& e) {
      out.decode_error = e.what();
      return false;
    }
  };
  try {
    out.response = f.t->gate().stream(request, sink).response;
  } catch (const net::NetworkError& e) {
    out.failure = e.failure();
    out.transport_error = e.what();
  }
  if (!out.decode_error) {
    try {
      out.streamed += decoder->finish();
    } catch (const Error& e) {
      out.decode_error = e.what();
    }
  }
  out.text = decoder->text();
  out.usage = decoder->usage();
  out.complete = decoder->complete();
  out.finish_reason = decoder->finish_reason();
  return out;
}

std::unique_ptr<ai::Provider> provider_for(ProviderKind kind, const GateFixture& f) {
  return ai::make_provider(config_for(kind, f.server));
}

void check_whole_reply(const Exchange& x, const AiProviderFake& fake) {
  CHECK_FALSE(x.failure);
  CHECK_FALSE(x.decode_error);
  CHECK(x.text == kReply);
  CHECK(x.streamed == kReply);  // every byte of text was handed out once
  CHECK(x.complete);
  if (fake.reports_usage()) {
    CHECK(x.usage.prompt_tokens == AiProviderFake::kPromptTokens);
    CHECK(x.usage.completion_tokens == AiProviderFake::kCompletionTokens);
  }
}

}  // namespace

TEST_CASE("transport, every kind: the text arrives whole when the server writes one byte at a time") {
  GateFixture f;
  for (ProviderKind kind : ai::all_provider_kinds()) {
    const std::string kind_name(ai::kind_id(kind));
    CAPTURE(kind_name);
    const AiProviderFake fake(kind);
    f.server.set_script({fake.streamed(kReply, {.piece_bytes = 1})});
    const auto provider = provider_for(kind, f);
    const auto x = exchange(f, *provider, chat());
    check_whole_reply(x, fake);
    CHECK(x.reads > 1);  // the server really wrote the body in small pieces
    CHECK(x.response.attempts == 1);
    CHECK_FALSE(x.response.cut());
  }
}

TEST_CASE("transport, every kind: CRLF line ends and keep-alives between events") {
  GateFixture f;
  for (ProviderKind kind : ai::all_provider_kinds()) {
    const std::string kind_name(ai::kind_id(kind));
    CAPTURE(kind_name);
    const AiProviderFake fake(kind);
    const FakeStreamShape shape{.piece_bytes = 5, .crlf = true, .keep_alives = true};
    if (fake.streams()) {
      const std::string body = fake.stream_body(kReply, shape);
      CHECK(body.find("\r\n") != std::string::npos);
      CHECK(body.find(kind == ProviderKind::Anthropic ? "event: ping" : kind == ProviderKind::Ollama ? "\r\n\r\n" : ": keep-alive") !=
            std::string::npos);
    }
    f.server.set_script({fake.streamed(kReply, shape)});
    check_whole_reply(exchange(f, *provider_for(kind, f), chat()), fake);
  }
}

TEST_CASE("transport, every kind: an error in the middle of the stream is reported and the text so far kept") {
  GateFixture f;
  const std::string before = "Check the inodes ";
  for (ProviderKind kind : ai::all_provider_kinds()) {
    const std::string kind_name(ai::kind_id(kind));
    CAPTURE(kind_name);
    const AiProviderFake fake(kind);
    f.server.set_script({fake.error_mid_stream(before, "model crashed while generating", {.piece_bytes = 3})});
    const auto x = exchange(f, *provider_for(kind, f), chat());
    REQUIRE(x.decode_error);
    CHECK_CONTAINS(*x.decode_error, "model crashed while generating");
    CHECK_CONTAINS(*x.decode_error, "provider 'fake'");
    CHECK_FALSE(x.complete);
    CHECK(x.text == (fake.streams() ? before : ""));
    if (fake.streams()) CHECK(x.response.cut_off == net::CutOff::SinkStopped);
  }
}

TEST_CASE("transport, every kind: 429 with Retry-After in the kind's error shape, then the reply: two attempts") {
  GateFixture f;
  for (ProviderKind kind : ai::all_provider_kinds()) {
    const std::string kind_name(ai::kind_id(kind));
    CAPTURE(kind_name);
    const AiProviderFake fake(kind);
    auto limited = fake.http_error(429, "Rate limit reached for requests");
    f.server.set_script({limited.with_header("Retry-After", "1"), fake.streamed(kReply, {.piece_bytes = 64})});
    const auto before = f.server.requests().size();
    const auto x = exchange(f, *provider_for(kind, f), chat());
    check_whole_reply(x, fake);
    CHECK(x.response.attempts == 2);
    const auto requests = f.server.requests();
    REQUIRE(requests.size() == before + 2);
    CHECK(requests[before].body == requests[before + 1].body);  // the same bytes again
  }
}

TEST_CASE("transport, every kind: 529 overloaded, then the reply: two attempts") {
  GateFixture f;
  for (ProviderKind kind : ai::all_provider_kinds()) {
    const std::string kind_name(ai::kind_id(kind));
    CAPTURE(kind_name);
    const AiProviderFake fake(kind);
    f.server.set_script({fake.http_error(529, "Overloaded"), fake.streamed(kReply)});
    const auto x = exchange(f, *provider_for(kind, f), chat());
    check_whole_reply(x, fake);
    CHECK(x.response.attempts == 2);
  }
}

TEST_CASE("transport, every kind: 401 says to check the key — the kind's error text is readable") {
  GateFixture f;
  for (ProviderKind kind : ai::all_provider_kinds()) {
    const std::string kind_name(ai::kind_id(kind));
    CAPTURE(kind_name);
    const AiProviderFake fake(kind);
    const auto provider = provider_for(kind, f);
    f.server.set_script({fake.http_error(401, "Incorrect API key provided")});
    const auto before = f.server.requests().size();
    const auto x = exchange(f, *provider, chat());
    REQUIRE(x.failure);
    CHECK(*x.failure == NetworkFailure::Unauthorized);
    CHECK_CONTAINS(x.transport_error, "API key");
    CHECK(f.server.requests().size() == before + 1);  // a wrong key is not retried
    CHECK(x.text.empty());
    // The provider's own error document, in the kind's shape, yields its message and advice.
    const auto explained = provider->explain_http_error(401, fake.error_document(401, "Incorrect API key provided"));
    CHECK_CONTAINS(explained, "Incorrect API key provided");
    CHECK_CONTAINS(explained, "Check the API key");
    CHECK_CONTAINS(provider->explain_http_error(404, fake.error_document(404, "model 'some-model' not found")),
                   "model 'some-model' not found");
  }
}

TEST_CASE("transport, every kind: 404 names the URL and the model") {
  GateFixture f;
  for (ProviderKind kind : ai::all_provider_kinds()) {
    const std::string kind_name(ai::kind_id(kind));
    CAPTURE(kind_name);
    const AiProviderFake fake(kind);
    f.server.set_script({fake.http_error(404, "The model does not exist")});
    const auto x = exchange(f, *provider_for(kind, f), chat());
    REQUIRE(x.failure);
    CHECK(*x.failure == NetworkFailure::NotFound);
    CHECK_CONTAINS(x.transport_error, "model name");
  }
}

TEST_CASE("transport, every kind: an HTML page instead of JSON gets a clear message") {
  GateFixture f;
  const std::string page =
      "<!DOCTYPE html><html><head><title>Corporate Login</title></head><body><h1>Sign in</h1></body></html>";
  for (ProviderKind kind : ai::all_provider_kinds()) {
    const std::string kind_name(ai::kind_id(kind));
    CAPTURE(kind_name);
    f.server.set_script({ScriptedReply::html(200, page)});
    const auto x = exchange(f, *provider_for(kind, f), chat());
    CHECK_FALSE(x.failure);
    REQUIRE(x.decode_error);
    CHECK_CONTAINS(*x.decode_error, "HTML page ('Corporate Login')");
    CHECK(x.text.empty());
    CHECK_FALSE(x.complete);
  }
}

TEST_CASE("transport, every kind: a stalled server ends by the idle timeout with what arrived") {
  GateFixture f;
  const std::string part = "Rotation stopped at ";
  auto options = fast_options();
  options.idle_timeout_ms = 300;
  for (ProviderKind kind : ai::all_provider_kinds()) {
    const std::string kind_name(ai::kind_id(kind));
    CAPTURE(kind_name);
    const AiProviderFake fake(kind);
    f.server.set_script({fake.stall_after(part, {.piece_bytes = 4})});
    const auto x = exchange(f, *provider_for(kind, f), chat(), options);
    REQUIRE(x.failure);
    CHECK(*x.failure == NetworkFailure::IdleTimeout);
    CHECK_CONTAINS(x.transport_error, "stalled");
    CHECK_FALSE(x.complete);
    if (fake.streams()) {
      CHECK_FALSE(x.decode_error);
      CHECK(x.text == part);
      CHECK(x.streamed == part);
    } else {
      CHECK(x.text.empty());  // a gateway's document never began
    }
  }
}

TEST_CASE("transport, every kind: a connection closed mid-event keeps the text so far, incomplete") {
  GateFixture f;
  for (ProviderKind kind : ai::all_provider_kinds()) {
    const std::string kind_name(ai::kind_id(kind));
    CAPTURE(kind_name);
    const AiProviderFake fake(kind);
    const std::string body = fake.stream_body_cut_mid_event(kReply);
    CHECK(body.size() < fake.stream_body(kReply).size());
    f.server.set_script({fake.close_mid_event(kReply, {.piece_bytes = 9})});
    const auto x = exchange(f, *provider_for(kind, f), chat());
    REQUIRE(x.failure);
    CHECK(*x.failure == NetworkFailure::ConnectionLost);
    CHECK_FALSE(x.complete);
    if (fake.streams()) {
      CHECK_FALSE(x.decode_error);
      CHECK(x.text == kReply);  // every word came before the cut closing event
    } else {
      REQUIRE(x.decode_error);  // half a document
      CHECK(x.text.empty());
    }
  }
}

TEST_CASE("transport, every kind: the documented path, query and headers reach the server, body byte for byte") {
  GateFixture f;
  struct Expected {
    ProviderKind kind;
    std::string target;
    std::string key_header;
    std::string key_value;
    std::string accept;
  };
  const std::vector<Expected> expected = {
      {ProviderKind::OpenAi, "/v1/chat/completions", "Authorization", "Bearer " + kApiKey, "text/event-stream"},
      {ProviderKind::AzureOpenAi, "/openai/deployments/gpt4o-prod/chat/completions?api-version=2024-10-21", "api-key",
       kApiKey, "text/event-stream"},
      {ProviderKind::Anthropic, "/v1/messages", "x-api-key", kApiKey, "text/event-stream"},
      {ProviderKind::Gemini, "/v1beta/models/some-model:streamGenerateContent?alt=sse", "x-goog-api-key", kApiKey,
       "text/event-stream"},
      {ProviderKind::Mistral, "/v1/chat/completions", "Authorization", "Bearer " + kApiKey, "text/event-stream"},
      {ProviderKind::Ollama, "/api/chat", "Authorization", "Bearer " + kApiKey, "application/x-ndjson"},
      {ProviderKind::CustomRest, "/api/v2/chat", "Authorization", "Bearer " + kApiKey, "application/json"},
  };
  CHECK(expected.size() == ai::all_provider_kinds().size());
  for (const auto& e : expected) {
    const std::string kind_name(ai::kind_id(e.kind));
    CAPTURE(kind_name);
    const AiProviderFake fake(e.kind);
    f.server.set_script({fake.streamed(kReply)});
    const auto provider = provider_for(e.kind, f);
    const auto before = f.server.requests().size();
    check_whole_reply(exchange(f, *provider, chat()), fake);
    const auto requests = f.server.requests();
    REQUIRE(requests.size() == before + 1);
    const auto& got = requests.back();
    CHECK(got.method == "POST");
    CHECK(got.target == e.target);
    CHECK(got.header(e.key_header) == e.key_value);
    CHECK(got.header("Content-Type") == "application/json");
    CHECK(got.header("Accept") == e.accept);
    if (e.kind == ProviderKind::Anthropic) CHECK(got.header("anthropic-version") == "2023-06-01");
    if (e.kind != ProviderKind::OpenAi && e.kind != ProviderKind::Mistral && e.kind != ProviderKind::Ollama &&
        e.kind != ProviderKind::CustomRest)
      CHECK_FALSE(got.header("Authorization"));
    CHECK(got.body == provider->build_request(chat()).body);  // nothing in the prompt to mask
    const auto audit = nlohmann::json::parse(f.sends().back().details.value_or("{}"));
    CHECK(audit["sha256"] == sha256_hex(got.body));
  }
}

TEST_CASE("transport, every kind: a whole (non-streamed) reply parses with its token counts") {
  GateFixture f;
  for (ProviderKind kind : ai::all_provider_kinds()) {
    const std::string kind_name(ai::kind_id(kind));
    CAPTURE(kind_name);
    const AiProviderFake fake(kind);
    f.server.set_script({fake.whole(kReply)});
    const auto provider = provider_for(kind, f);
    auto request = outbound_request(*provider, chat(false));
    request.options = fast_options();
    const auto result = f.t->gate().send(request);
    const auto reply = provider->parse_reply(result.response.body);
    CHECK(reply.text == kReply);
    if (fake.reports_usage()) {
      CHECK(reply.usage.prompt_tokens == AiProviderFake::kPromptTokens);
      CHECK(reply.usage.completion_tokens == AiProviderFake::kCompletionTokens);
    }
    if (kind == ProviderKind::Gemini) CHECK(f.server.requests().back().target == "/v1beta/models/some-model:generateContent");
    // The same document where a stream was expected (a server that ignored "stream": true).
    f.server.set_script({fake.whole(kReply)});
    check_whole_reply(exchange(f, *provider, chat()), fake);
  }
}
