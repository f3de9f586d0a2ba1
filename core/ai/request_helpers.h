#pragma once
// Pieces every provider's request building shares.
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/ai/chat_request.h"
#include "core/ai/provider_config.h"
#include "core/ai/provider_request.h"

namespace tftsr::ai {

// base + path, without a doubled or missing slash; a base that already ends with `path` (a
// user who pasted the full endpoint) is kept as it is.
std::string join_url(std::string_view base, std::string_view path);

// The auth header: the config's custom header and prefix when given, otherwise the kind's
// usual one. Nothing when there is no key.
void add_auth_header(std::vector<HttpHeader>& headers, const ProviderConfig& config, std::string_view usual_name,
                     std::string_view usual_prefix);

// Content-Type (and Accept for streams).
std::vector<HttpHeader> json_headers(ResponseFormat response_format);

// The turns as [{"role": "user"|"assistant", "content": ...}], after an optional system message.
nlohmann::json role_content_messages(const ChatRequest& chat, bool with_system);

// Turns from the first user turn on: Anthropic and Gemini refuse a conversation that opens
// with the assistant (which trimming the oldest turns can produce).
std::vector<ChatTurn> turns_from_first_user(const ChatRequest& chat);

// An attached image as base64 (the form every kind embeds), and as a data: URL for the
// OpenAI-style "image_url".
std::string png_base64(std::string_view png);
std::string png_data_url(std::string_view png);

// The body as sent: compact JSON, UTF-8 (invalid bytes replaced rather than thrown).
std::string dump_body(const nlohmann::json& body);

// Reads an integer member that may be absent or null.
std::optional<std::int64_t> optional_int(const nlohmann::json& object, std::string_view key);

}  // namespace tftsr::ai
