#pragma once
// Decodes a provider's streamed reply as its bytes arrive. The transport feeds every piece it
// receives (split anywhere) and shows the text each call returns; at the end it calls finish().
// Each provider kind supplies the meaning of its events; this class does the rest the same for
// all: framing (SSE or NDJSON), the bound on the reply's size, and a body that is not a stream
// at all (an HTML page, a JSON error document, a whole non-streamed reply).
//
// Errors are thrown as Error(Network) with a message for the user: a provider's error event in
// the middle of a reply, a line or reply over the limit, HTML instead of events. What arrived
// before stays in text(), so the caller can keep it marked as cut off.
#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/ai/ndjson_parser.h"
#include "core/ai/provider_reply.h"
#include "core/ai/provider_request.h"
#include "core/ai/sse_parser.h"

namespace tftsr::ai {

struct StreamLimits {
  std::size_t max_line_bytes = 4 * 1024 * 1024;
  std::size_t max_reply_bytes = 8 * 1024 * 1024;
};

class StreamDecoder {
 public:
  virtual ~StreamDecoder() = default;
  StreamDecoder(const StreamDecoder&) = delete;
  StreamDecoder& operator=(const StreamDecoder&) = delete;

  // Returns the reply text that these bytes completed (often empty).
  std::string feed(std::string_view bytes);
  // The transfer is over. Returns text that only the end made available (a JSON document
  // instead of a stream). Throws for an error document or an HTML page.
  std::string finish();

  const std::string& text() const { return text_; }
  const TokenUsage& usage() const { return usage_; }
  const std::string& finish_reason() const { return finish_reason_; }
  // True once the provider said the reply is whole ([DONE], message_stop, done:true, a
  // finishReason). False after finish() means the reply was cut off.
  bool complete() const { return complete_; }

 protected:
  StreamDecoder(ResponseFormat format, std::string who, StreamLimits limits);

  // One SSE event (SSE kinds) or one NDJSON object (NDJSON kinds).
  virtual void on_event(const SseEvent& event);
  virtual void on_object(const nlohmann::json& object);
  // A 2xx body that held one JSON document instead of a stream.
  virtual ProviderReply parse_document(std::string_view body) = 0;

  void add_text(std::string_view text);
  void mark_complete(std::string_view finish_reason = {});
  void set_finish_reason(std::string_view reason) { finish_reason_ = reason; }
  TokenUsage& reported_usage() { return usage_; }
  // Parses the JSON of an event; throws a clear error when it is not JSON or is an error object.
  nlohmann::json parse_event_json(std::string_view data);
  [[noreturn]] void fail(const std::string& message);
  const std::string& who() const { return who_; }

 private:
  enum class Mode { Undecided, Stream, Document };
  void feed_stream(std::string_view bytes);

  ResponseFormat format_;
  std::string who_;
  StreamLimits limits_;
  SseParser sse_;
  NdjsonParser ndjson_;
  Mode mode_ = Mode::Undecided;
  std::string document_;  // the body, when it is not a stream
  std::string text_;
  std::string fresh_;     // text added during the current feed() call
  TokenUsage usage_;
  std::string finish_reason_;
  bool complete_ = false;
  bool failed_ = false;
};

}  // namespace tftsr::ai
