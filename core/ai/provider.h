#pragma once
// One AI provider kind: builds the HTTP request for a chat (pure, no network) and decodes what
// comes back, whole or streamed. The transport (the outbound gate) sends the request; a chat
// service strings the two together. Adding a kind is one file pair and one line in
// make_provider().
#include <memory>
#include <string>
#include <string_view>

#include "core/ai/chat_request.h"
#include "core/ai/provider_config.h"
#include "core/ai/provider_reply.h"
#include "core/ai/provider_request.h"
#include "core/ai/stream_decoder.h"

namespace tftsr::ai {

class Provider {
 public:
  explicit Provider(ProviderConfig config) : config_(std::move(config)) {}
  virtual ~Provider() = default;
  Provider(const Provider&) = delete;
  Provider& operator=(const Provider&) = delete;

  const ProviderConfig& config() const { return config_; }
  // How messages name this provider: "Anthropic provider 'work'".
  std::string who() const;

  virtual bool supports_streaming() const { return true; }

  // The request for `chat`: method, full URL (streaming form when chat.stream and supported),
  // headers including auth, and the JSON body. Throws Error(Internal) for a chat without a
  // final user turn.
  virtual ProviderRequest build_request(const ChatRequest& chat) const = 0;

  // A whole (non-streamed) 2xx body. Throws Error(Network) for an error document, HTML or a
  // body without the reply where the protocol puts it.
  virtual ProviderReply parse_reply(std::string_view body) const = 0;

  // A fresh decoder for one streamed reply (a 2xx response to a streaming request).
  virtual std::unique_ptr<StreamDecoder> stream_decoder(StreamLimits limits = {}) const = 0;

  // The message for a non-2xx answer.
  std::string explain_http_error(int status, std::string_view body) const;

 protected:
  // A whole 2xx body as JSON; throws a clear error for HTML, non-JSON and error documents.
  nlohmann::json parse_document_json(std::string_view body) const;
  [[noreturn]] void fail_without_reply(std::string_view body) const;

 private:
  ProviderConfig config_;
};

// Validates the config (see validate()) and returns the provider for its kind.
std::unique_ptr<Provider> make_provider(ProviderConfig config);

}  // namespace tftsr::ai
