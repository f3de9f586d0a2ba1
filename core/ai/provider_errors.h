#pragma once
// Turning what a provider says when things go wrong into a message a user can act on: an HTTP
// status with the provider's own error text, an HTML page where JSON was expected (a proxy, a
// login portal, a wrong URL), or a body that is not JSON at all.
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

namespace tftsr::ai {

// The error text of the shapes providers use: {"error":{"message":...}} (OpenAI, Azure, Gemini,
// Mistral), {"type":"error","error":{"type":...,"message":...}} (Anthropic), {"error":"..."}
// (Ollama), {"message":...} / {"detail":...} (Mistral validation). Nullopt when the object is
// not an error.
std::optional<std::string> error_message_from_json(const nlohmann::json& body);

// A message for a non-2xx answer from the provider called `who`, e.g. "Anthropic 'work'".
std::string explain_http_error(std::string_view who, int status, std::string_view body);

// A message for a 2xx body that is not what the protocol promised (HTML, plain text).
std::string explain_unexpected_body(std::string_view who, std::string_view body);

// The first `max` characters of text, on one line, for quoting in a message.
std::string excerpt(std::string_view text, std::size_t max = 200);

}  // namespace tftsr::ai
