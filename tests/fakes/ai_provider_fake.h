#pragma once
// Replies in each AI provider kind's public wire format, for the loopback server: a streamed
// reply (OpenAI-style `data:` chunks ending with `data: [DONE]`, Azure's prompt-filter chunk,
// Mistral's usage in its last chunk, Anthropic's typed events ending with `message_stop`,
// Gemini's CRLF events with no end marker, Ollama's NDJSON ending with `"done":true`), a whole
// non-streamed reply, an error event in the middle of a stream, and an HTTP error document in the
// kind's own error shape. Custom REST gateways do not stream: their "stream" is the one document.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/ai/provider_config.h"
#include "tests/fakes/loopback_http_server.h"

namespace tftsr::test {

struct FakeStreamShape {
  std::size_t piece_bytes = 0;  // write the body in pieces of this many bytes; 0: one piece
  bool crlf = false;            // CRLF line ends (Gemini always uses them)
  bool keep_alives = false;     // SSE comments (Anthropic: ping events; Ollama: blank lines)
};

class AiProviderFake {
 public:
  // The token counts every reply reports (where the kind reports them).
  static constexpr int kPromptTokens = 42;
  static constexpr int kCompletionTokens = 17;

  explicit AiProviderFake(ai::ProviderKind kind, std::string model = "fake-model");

  bool streams() const { return kind_ != ai::ProviderKind::CustomRest; }
  bool reports_usage() const { return kind_ != ai::ProviderKind::CustomRest; }
  std::string content_type() const;

  // The whole body of a streamed reply of `text`, one event per word, with the end marker.
  std::string stream_body(std::string_view text, const FakeStreamShape& shape = {}) const;
  // The same body up to, and cut in the middle of, the event after the one holding `text`.
  std::string stream_body_cut_mid_event(std::string_view text, const FakeStreamShape& shape = {}) const;
  // `text_before` as events, then the kind's error event (or NDJSON error line), and no end.
  std::string stream_body_with_error(std::string_view text_before, std::string_view message,
                                     const FakeStreamShape& shape = {}) const;

  ScriptedReply streamed(std::string_view text, const FakeStreamShape& shape = {}) const;
  ScriptedReply error_mid_stream(std::string_view text_before, std::string_view message,
                                 const FakeStreamShape& shape = {}) const;
  // The events holding `text` without the end, then silence.
  ScriptedReply stall_after(std::string_view text, const FakeStreamShape& shape = {}) const;
  // The events holding `text`, half of the next event, then the connection closes.
  ScriptedReply close_mid_event(std::string_view text, const FakeStreamShape& shape = {}) const;
  // A non-streamed 200 reply of `text`.
  ScriptedReply whole(std::string_view text) const;
  // The kind's own error document for `status` (401, 404, 429, 529...).
  std::string error_document(int status, std::string_view message) const;
  ScriptedReply http_error(int status, std::string_view message) const;

 private:
  std::vector<std::string> events(std::string_view text, bool with_end, const FakeStreamShape& shape) const;
  std::string frame(std::string_view event_name, std::string_view json, const FakeStreamShape& shape) const;
  std::string keep_alive(const FakeStreamShape& shape) const;
  ScriptedReply chunked(std::string body, const FakeStreamShape& shape) const;

  ai::ProviderKind kind_;
  std::string model_;
};

// The body cut into pieces of `piece_bytes` (one piece when 0), for ScriptedReply::pieces.
std::vector<BodyPiece> pieces_of(std::string_view body, std::size_t piece_bytes);

}  // namespace tftsr::test
