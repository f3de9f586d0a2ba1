#include "tests/fakes/ai_provider_fake.h"

#include <nlohmann/json.hpp>

namespace tftsr::test {

using ai::ProviderKind;
using nlohmann::json;

namespace {

constexpr std::int64_t kCreated = 1700000000;

bool openai_style(ProviderKind kind) {
  return kind == ProviderKind::OpenAi || kind == ProviderKind::AzureOpenAi || kind == ProviderKind::Mistral;
}

// The text cut after each space: the events a model streams, joined back the text itself.
std::vector<std::string> words(std::string_view text) {
  std::vector<std::string> out;
  std::size_t from = 0;
  while (from < text.size()) {
    std::size_t space = text.find(' ', from);
    std::size_t to = space == std::string_view::npos ? text.size() : space + 1;
    out.emplace_back(text.substr(from, to - from));
    from = to;
  }
  return out;
}

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += p;
  return out;
}

json usage_of(ProviderKind kind) {
  const int p = AiProviderFake::kPromptTokens, c = AiProviderFake::kCompletionTokens;
  if (kind == ProviderKind::Anthropic) return {{"input_tokens", p}, {"output_tokens", c}};
  if (kind == ProviderKind::Gemini)
    return {{"promptTokenCount", p}, {"candidatesTokenCount", c}, {"totalTokenCount", p + c}};
  return {{"prompt_tokens", p}, {"completion_tokens", c}, {"total_tokens", p + c}};
}

// One chat.completion.chunk with `delta` and `finish_reason` in choices[0].
json openai_chunk(ProviderKind kind, const std::string& model, json delta, json finish_reason) {
  json choice = {{"index", 0}, {"delta", std::move(delta)}, {"finish_reason", std::move(finish_reason)}};
  if (kind == ProviderKind::AzureOpenAi) choice["content_filter_results"] = json::object();
  if (kind == ProviderKind::OpenAi) choice["logprobs"] = nullptr;
  json chunk = {{"id", kind == ProviderKind::Mistral ? "cmpl-fake" : "chatcmpl-fake"},
                {"object", "chat.completion.chunk"},
                {"created", kCreated},
                {"model", model},
                {"choices", json::array({std::move(choice)})}};
  if (kind == ProviderKind::OpenAi) {
    chunk["system_fingerprint"] = "fp_fake";
    chunk["usage"] = nullptr;  // include_usage: null on every chunk but the last
  }
  return chunk;
}

std::string gemini_status(int status) {
  switch (status) {
    case 400: return "INVALID_ARGUMENT";
    case 401: return "UNAUTHENTICATED";
    case 403: return "PERMISSION_DENIED";
    case 404: return "NOT_FOUND";
    case 429: return "RESOURCE_EXHAUSTED";
    case 503: return "UNAVAILABLE";
    default: return status >= 500 ? "INTERNAL" : "FAILED_PRECONDITION";
  }
}

std::string anthropic_error_type(int status) {
  switch (status) {
    case 400: return "invalid_request_error";
    case 401: return "authentication_error";
    case 403: return "permission_error";
    case 404: return "not_found_error";
    case 413: return "request_too_large";
    case 429: return "rate_limit_error";
    case 529: return "overloaded_error";
    default: return "api_error";
  }
}

}  // namespace

std::vector<BodyPiece> pieces_of(std::string_view body, std::size_t piece_bytes) {
  if (piece_bytes == 0) return {{0, std::string(body)}};
  std::vector<BodyPiece> out;
  for (std::size_t at = 0; at < body.size(); at += piece_bytes) out.push_back({0, std::string(body.substr(at, piece_bytes))});
  return out;
}

AiProviderFake::AiProviderFake(ProviderKind kind, std::string model) : kind_(kind), model_(std::move(model)) {}

std::string AiProviderFake::content_type() const {
  switch (kind_) {
    case ProviderKind::Ollama: return "application/x-ndjson";
    case ProviderKind::CustomRest: return "application/json";
    case ProviderKind::Anthropic: return "text/event-stream; charset=utf-8";
    default: return "text/event-stream";
  }
}

std::string AiProviderFake::frame(std::string_view event_name, std::string_view data, const FakeStreamShape& shape) const {
  // Gemini's server ends its lines with CRLF whatever the client asks.
  const std::string eol = shape.crlf || kind_ == ProviderKind::Gemini ? "\r\n" : "\n";
  if (kind_ == ProviderKind::Ollama) return std::string(data) + eol;
  std::string out;
  if (!event_name.empty()) out += "event: " + std::string(event_name) + eol;
  return out + "data: " + std::string(data) + eol + eol;
}

std::string AiProviderFake::keep_alive(const FakeStreamShape& shape) const {
  if (!shape.keep_alives) return {};
  const std::string eol = shape.crlf || kind_ == ProviderKind::Gemini ? "\r\n" : "\n";
  if (kind_ == ProviderKind::Anthropic) return frame("ping", R"({"type": "ping"})", shape);
  if (kind_ == ProviderKind::Ollama) return eol;  // a blank line between objects
  return ": keep-alive" + eol + eol;
}

// Start events, then one event per word (each followed by a keep-alive when asked), then (when
// `with_end`) the closing events. The text events are the ones before the first end event.
std::vector<std::string> AiProviderFake::events(std::string_view text, bool with_end, const FakeStreamShape& shape) const {
  std::vector<std::string> out;
  const auto add = [&](std::string_view name, const json& data) { out.push_back(frame(name, data.dump(), shape)); };
  const auto ka = [&] {
    if (shape.keep_alives) out.push_back(keep_alive(shape));
  };
  const int p = kPromptTokens, c = kCompletionTokens;
  switch (kind_) {
    case ProviderKind::OpenAi:
    case ProviderKind::AzureOpenAi:
    case ProviderKind::Mistral: {
      if (kind_ == ProviderKind::AzureOpenAi)
        add("", {{"choices", json::array()},
                 {"created", 0},
                 {"id", ""},
                 {"model", ""},
                 {"object", ""},
                 {"prompt_filter_results", {{{"prompt_index", 0}, {"content_filter_results", json::object()}}}}});
      add("", openai_chunk(kind_, model_, {{"role", "assistant"}, {"content", ""}}, nullptr));
      ka();
      for (const auto& w : words(text)) {
        add("", openai_chunk(kind_, model_, {{"content", w}}, nullptr));
        ka();
      }
      if (!with_end) break;
      auto last = openai_chunk(kind_, model_, json::object(), "stop");
      if (kind_ == ProviderKind::Mistral) {
        last["usage"] = usage_of(kind_);  // Mistral: the usage rides on the last chunk
        add("", last);
      } else {
        add("", last);
        auto usage = openai_chunk(kind_, model_, json::object(), nullptr);
        usage["choices"] = json::array();
        usage["usage"] = usage_of(kind_);
        add("", usage);
      }
      out.push_back(frame("", "[DONE]", shape));
      break;
    }
    case ProviderKind::Anthropic: {
      add("message_start", {{"type", "message_start"},
                            {"message",
                             {{"id", "msg_fake"},
                              {"type", "message"},
                              {"role", "assistant"},
                              {"content", json::array()},
                              {"model", model_},
                              {"stop_reason", nullptr},
                              {"stop_sequence", nullptr},
                              {"usage", {{"input_tokens", p}, {"output_tokens", 1}}}}}});
      add("content_block_start",
          {{"type", "content_block_start"}, {"index", 0}, {"content_block", {{"type", "text"}, {"text", ""}}}});
      ka();
      for (const auto& w : words(text)) {
        add("content_block_delta",
            {{"type", "content_block_delta"}, {"index", 0}, {"delta", {{"type", "text_delta"}, {"text", w}}}});
        ka();
      }
      if (!with_end) break;
      add("content_block_stop", {{"type", "content_block_stop"}, {"index", 0}});
      add("message_delta", {{"type", "message_delta"},
                            {"delta", {{"stop_reason", "end_turn"}, {"stop_sequence", nullptr}}},
                            {"usage", {{"output_tokens", c}}}});
      add("message_stop", {{"type", "message_stop"}});
      break;
    }
    case ProviderKind::Gemini: {
      for (const auto& w : words(text)) {
        add("", {{"candidates", {{{"content", {{"parts", {{{"text", w}}}}, {"role", "model"}}}, {"index", 0}}}},
                 {"usageMetadata", {{"promptTokenCount", p}, {"totalTokenCount", p}}},
                 {"modelVersion", model_}});
        ka();
      }
      if (!with_end) break;
      // No end marker: the chunk with a finishReason is the last one.
      add("", {{"candidates",
                {{{"content", {{"parts", {{{"text", ""}}}}, {"role", "model"}}}, {"finishReason", "STOP"}, {"index", 0}}}},
               {"usageMetadata", usage_of(kind_)},
               {"modelVersion", model_}});
      break;
    }
    case ProviderKind::Ollama: {
      const auto line = [&](const std::string& content) {
        return json{{"model", model_},
                    {"created_at", "2024-08-07T03:57:33.0365888Z"},
                    {"message", {{"role", "assistant"}, {"content", content}}},
                    {"done", false}};
      };
      for (const auto& w : words(text)) {
        add("", line(w));
        ka();
      }
      if (!with_end) break;
      auto done = line("");
      done["done"] = true;
      done["done_reason"] = "stop";
      done["total_duration"] = 4353619900LL;
      done["load_duration"] = 63915300;
      done["prompt_eval_count"] = p;
      done["prompt_eval_duration"] = 246847000;
      done["eval_count"] = c;
      done["eval_duration"] = 4032296000LL;
      add("", done);
      break;
    }
    case ProviderKind::CustomRest:
      // Not a stream: the one document is the only "event", and it is the end as well.
      if (with_end) out.push_back(json{{"msg", std::string(text)}}.dump());
      break;
  }
  return out;
}

std::string AiProviderFake::stream_body(std::string_view text, const FakeStreamShape& shape) const {
  return join(events(text, true, shape));
}

std::string AiProviderFake::stream_body_cut_mid_event(std::string_view text, const FakeStreamShape& shape) const {
  const auto open = events(text, false, shape);
  const auto all = events(text, true, shape);
  const std::string& next = all.at(open.size());  // the first closing event
  return join(open) + next.substr(0, next.size() / 2);
}

std::string AiProviderFake::stream_body_with_error(std::string_view text_before, std::string_view message,
                                                   const FakeStreamShape& shape) const {
  std::string body = join(events(text_before, false, shape));
  const std::string m(message);
  switch (kind_) {
    case ProviderKind::OpenAi:
    case ProviderKind::AzureOpenAi:
      body += frame("", json{{"error", {{"message", m}, {"type", "server_error"}, {"param", nullptr}, {"code", nullptr}}}}.dump(),
                    shape);
      break;
    case ProviderKind::Mistral:
      body += frame("", error_document(500, message), shape);
      break;
    case ProviderKind::Anthropic:
      body += frame("error", json{{"type", "error"}, {"error", {{"type", "overloaded_error"}, {"message", m}}}}.dump(), shape);
      break;
    case ProviderKind::Gemini:
      body += frame("", json{{"error", {{"code", 500}, {"message", m}, {"status", "INTERNAL"}}}}.dump(), shape);
      break;
    case ProviderKind::Ollama:
      body += frame("", json{{"error", m}}.dump(), shape);
      break;
    case ProviderKind::CustomRest:
      body = json{{"error", m}}.dump();
      break;
  }
  return body;
}

ScriptedReply AiProviderFake::chunked(std::string body, const FakeStreamShape& shape) const {
  return ScriptedReply::streamed(pieces_of(body, shape.piece_bytes), content_type());
}

ScriptedReply AiProviderFake::streamed(std::string_view text, const FakeStreamShape& shape) const {
  return chunked(stream_body(text, shape), shape);
}

ScriptedReply AiProviderFake::error_mid_stream(std::string_view text_before, std::string_view message,
                                               const FakeStreamShape& shape) const {
  return chunked(stream_body_with_error(text_before, message, shape), shape);
}

ScriptedReply AiProviderFake::stall_after(std::string_view text, const FakeStreamShape& shape) const {
  auto reply = chunked(join(events(text, false, shape)), shape);
  reply.ending = ScriptedReply::Ending::Stall;
  return reply;
}

ScriptedReply AiProviderFake::close_mid_event(std::string_view text, const FakeStreamShape& shape) const {
  auto reply = chunked(stream_body_cut_mid_event(text, shape), shape);
  reply.ending = ScriptedReply::Ending::Close;
  return reply;
}

ScriptedReply AiProviderFake::whole(std::string_view text) const {
  const std::string t(text);
  json body;
  if (openai_style(kind_)) {
    json choice = {{"index", 0}, {"message", {{"role", "assistant"}, {"content", t}}}, {"finish_reason", "stop"}};
    body = {{"id", "chatcmpl-fake"},
            {"object", "chat.completion"},
            {"created", kCreated},
            {"model", model_},
            {"choices", json::array({choice})},
            {"usage", usage_of(kind_)}};
    if (kind_ == ProviderKind::AzureOpenAi)
      body["prompt_filter_results"] = {{{"prompt_index", 0}, {"content_filter_results", json::object()}}};
  } else if (kind_ == ProviderKind::Anthropic) {
    body = {{"id", "msg_fake"},
            {"type", "message"},
            {"role", "assistant"},
            {"model", model_},
            {"content", {{{"type", "text"}, {"text", t}}}},
            {"stop_reason", "end_turn"},
            {"stop_sequence", nullptr},
            {"usage", usage_of(kind_)}};
  } else if (kind_ == ProviderKind::Gemini) {
    body = {{"candidates",
             {{{"content", {{"parts", {{{"text", t}}}}, {"role", "model"}}}, {"finishReason", "STOP"}, {"index", 0}}}},
            {"usageMetadata", usage_of(kind_)},
            {"modelVersion", model_}};
  } else if (kind_ == ProviderKind::Ollama) {
    body = {{"model", model_},
            {"created_at", "2024-08-07T03:57:33.0365888Z"},
            {"message", {{"role", "assistant"}, {"content", t}}},
            {"done_reason", "stop"},
            {"done", true},
            {"prompt_eval_count", kPromptTokens},
            {"eval_count", kCompletionTokens}};
  } else {
    body = {{"msg", t}};
  }
  return ScriptedReply::json(200, body.dump());
}

std::string AiProviderFake::error_document(int status, std::string_view message) const {
  const std::string m(message);
  switch (kind_) {
    case ProviderKind::OpenAi: {
      const std::string code = status == 401 ? "invalid_api_key" : status == 404 ? "model_not_found"
                             : status == 429 ? "rate_limit_exceeded" : "";
      return json{{"error",
                   {{"message", m},
                    {"type", status >= 500 ? "server_error" : status == 429 ? "requests" : "invalid_request_error"},
                    {"param", nullptr},
                    {"code", code.empty() ? json(nullptr) : json(code)}}}}
          .dump();
    }
    case ProviderKind::AzureOpenAi:
      return json{{"error", {{"code", status == 404 ? "DeploymentNotFound" : std::to_string(status)}, {"message", m}}}}.dump();
    case ProviderKind::Mistral:
      return json{{"object", "error"},
                  {"message", m},
                  {"type", status >= 500 ? "internal_server_error" : "invalid_request_error"},
                  {"param", nullptr},
                  {"code", nullptr}}
          .dump();
    case ProviderKind::Anthropic:
      return json{{"type", "error"},
                  {"error", {{"type", anthropic_error_type(status)}, {"message", m}}},
                  {"request_id", "req_fake"}}
          .dump();
    case ProviderKind::Gemini:
      return json{{"error", {{"code", status}, {"message", m}, {"status", gemini_status(status)}}}}.dump();
    case ProviderKind::Ollama:
    case ProviderKind::CustomRest:
      return json{{"error", m}}.dump();
  }
  return "{}";
}

ScriptedReply AiProviderFake::http_error(int status, std::string_view message) const {
  return ScriptedReply::json(status, error_document(status, message));
}

}  // namespace tftsr::test
