#include "core/ai/request_helpers.h"

#include "core/crypto/base64.h"
#include "core/error.h"

namespace tftsr::ai {

std::string join_url(std::string_view base, std::string_view path) {
  std::string b(base);
  while (!b.empty() && b.back() == '/') b.pop_back();
  if (path.empty()) return b;
  std::string p(path);
  if (p.front() != '/') p.insert(p.begin(), '/');
  if (b.size() >= p.size() && b.compare(b.size() - p.size(), p.size(), p) == 0) return b;
  return b + p;
}

void add_auth_header(std::vector<HttpHeader>& headers, const ProviderConfig& config, std::string_view usual_name,
                     std::string_view usual_prefix) {
  if (config.api_key.empty()) return;
  const std::string name = config.auth_header.empty() ? std::string(usual_name) : config.auth_header;
  std::string prefix = config.auth_prefix.empty() ? std::string(config.auth_header.empty() ? usual_prefix : "")
                                                  : config.auth_prefix;
  if (!prefix.empty() && prefix.back() != ' ') prefix += ' ';
  headers.push_back({name, prefix + config.api_key, true});
}

std::vector<HttpHeader> json_headers(ResponseFormat response_format) {
  std::vector<HttpHeader> headers{{"Content-Type", "application/json", false}};
  if (response_format == ResponseFormat::Sse) headers.push_back({"Accept", "text/event-stream", false});
  if (response_format == ResponseFormat::Ndjson) headers.push_back({"Accept", "application/x-ndjson", false});
  if (response_format == ResponseFormat::Json) headers.push_back({"Accept", "application/json", false});
  return headers;
}

nlohmann::json role_content_messages(const ChatRequest& chat, bool with_system) {
  auto messages = nlohmann::json::array();
  if (with_system && !chat.system_prompt.empty())
    messages.push_back({{"role", "system"}, {"content", chat.system_prompt}});
  for (const auto& turn : chat.turns)
    messages.push_back({{"role", turn.role == ChatRole::User ? "user" : "assistant"}, {"content", turn.text}});
  return messages;
}

std::vector<ChatTurn> turns_from_first_user(const ChatRequest& chat) {
  std::vector<ChatTurn> out;
  bool started = false;
  for (const auto& turn : chat.turns) {
    if (!started && turn.role != ChatRole::User) continue;
    started = true;
    out.push_back(turn);
  }
  return out;
}

std::string png_base64(std::string_view png) { return base64_encode(png); }

std::string png_data_url(std::string_view png) { return "data:image/png;base64," + base64_encode(png); }

std::string dump_body(const nlohmann::json& body) {
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::optional<std::int64_t> optional_int(const nlohmann::json& object, std::string_view key) {
  if (!object.is_object()) return std::nullopt;
  const auto it = object.find(key);
  if (it == object.end() || !it->is_number_integer()) return std::nullopt;
  return it->get<std::int64_t>();
}

}  // namespace tftsr::ai
