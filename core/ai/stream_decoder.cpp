#include "core/ai/stream_decoder.h"

#include "core/ai/provider_errors.h"
#include "core/ai/utf8_repair.h"
#include "core/error.h"

namespace tftsr::ai {

StreamDecoder::StreamDecoder(ResponseFormat format, std::string who, StreamLimits limits)
    : format_(format), who_(std::move(who)), limits_(limits), sse_(limits.max_line_bytes), ndjson_(limits.max_line_bytes) {}

void StreamDecoder::on_event(const SseEvent&) {}
void StreamDecoder::on_object(const nlohmann::json&) {}

void StreamDecoder::fail(const std::string& message) {
  failed_ = true;
  throw Error(ErrorKind::Network, message);
}

void StreamDecoder::add_text(std::string_view text) {
  if (text.empty()) return;
  if (text_.size() + text.size() > limits_.max_reply_bytes) {
    std::size_t room = limits_.max_reply_bytes - text_.size();
    // Keep whole UTF-8 sequences only.
    while (room > 0 && room < text.size() && (static_cast<unsigned char>(text[room]) & 0xC0) == 0x80) --room;
    text_.append(text.substr(0, room));
    fresh_.append(text.substr(0, room));
    fail("the reply passed " + std::to_string(limits_.max_reply_bytes / (1024 * 1024)) +
         " MiB and was cut off there");
  }
  text_.append(text);
  fresh_.append(text);
}

void StreamDecoder::mark_complete(std::string_view finish_reason) {
  complete_ = true;
  if (!finish_reason.empty()) finish_reason_ = finish_reason;
}

nlohmann::json StreamDecoder::parse_event_json(std::string_view data) {
  auto json = nlohmann::json::parse(data, nullptr, false);
  if (json.is_discarded()) fail(who_ + " sent an event that is not JSON: '" + excerpt(data) + "'");
  if (auto message = error_message_from_json(json)) fail(who_ + " reported an error during the reply: " + *message);
  return json;
}

void StreamDecoder::feed_stream(std::string_view bytes) {
  if (format_ == ResponseFormat::Ndjson) {
    ndjson_.feed(bytes, [&](std::string_view line) { on_object(parse_event_json(line)); });
  } else {
    sse_.feed(bytes, [&](const SseEvent& event) { on_event(event); });
  }
}

std::string StreamDecoder::feed(std::string_view bytes) {
  if (failed_) throw Error(ErrorKind::Network, "the reply from " + who_ + " was already stopped");
  fresh_.clear();
  if (mode_ == Mode::Undecided) {
    const auto start = bytes.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    if (start != std::string_view::npos) {
      const char first = bytes[start];
      // An HTML page, or a JSON document where events were expected (an error, a proxy's
      // answer, a server that ignored "stream": true). NDJSON lines start with '{' anyway.
      const bool document = first == '<' || (format_ == ResponseFormat::Sse && (first == '{' || first == '['));
      mode_ = document ? Mode::Document : Mode::Stream;
    } else {
      document_.append(bytes);  // leading blanks: undecided yet
      return {};
    }
    if (mode_ == Mode::Stream && !document_.empty()) {
      std::string held;
      held.swap(document_);
      feed_stream(held);
    }
  }
  if (mode_ == Mode::Document) {
    if (document_.size() + bytes.size() > limits_.max_reply_bytes)
      fail(who_ + " sent a body larger than " + std::to_string(limits_.max_reply_bytes / (1024 * 1024)) +
           " MiB that is not a stream of events; it was stopped");
    document_.append(bytes);
    return {};
  }
  feed_stream(bytes);
  return std::move(fresh_);
}

std::string StreamDecoder::finish() {
  if (failed_) return {};
  fresh_.clear();
  if (mode_ == Mode::Undecided) fail(explain_unexpected_body(who_, ""));
  if (mode_ == Mode::Document) {
    const std::string body = repair_utf8(document_);
    const auto json = nlohmann::json::parse(body, nullptr, false);
    if (json.is_discarded()) fail(explain_unexpected_body(who_, body));
    if (auto message = error_message_from_json(json)) fail(who_ + " reported an error: " + *message);
    ProviderReply reply = parse_document(body);
    add_text(reply.text);
    if (reply.usage.prompt_tokens) usage_.prompt_tokens = reply.usage.prompt_tokens;
    if (reply.usage.completion_tokens) usage_.completion_tokens = reply.usage.completion_tokens;
    mark_complete(reply.finish_reason);
    return std::move(fresh_);
  }
  if (format_ == ResponseFormat::Ndjson) {
    if (auto last = ndjson_.finish()) {
      // A last line without its line end: whole if it parses, cut in half by the connection
      // otherwise (then complete() stays false).
      auto json = nlohmann::json::parse(*last, nullptr, false);
      if (!json.is_discarded()) {
        if (auto message = error_message_from_json(json)) fail(who_ + " reported an error during the reply: " + *message);
        on_object(json);
      }
    }
  } else {
    sse_.finish();
  }
  return std::move(fresh_);
}

}  // namespace tftsr::ai
