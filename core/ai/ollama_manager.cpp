#include "core/ai/ollama_manager.h"

#include <cctype>

#include <nlohmann/json.hpp>

#include "core/ai/ndjson_parser.h"
#include "core/error.h"
#include "core/net/http_url.h"
#include "core/net/network_error.h"
#include "core/net/outbound_gate.h"
#include "core/net/response_checks.h"

namespace tftsr::ai {

namespace {

using net::NetworkError;
using net::NetworkFailure;

constexpr int kConnectTimeoutMs = 2000;  // Ollama is local or near: longer means it is not there
constexpr int kIdleTimeoutMs = 30000;
constexpr int kPullIdleTimeoutMs = 300000;  // verifying a large model's digest sends nothing for a while

bool not_there(NetworkFailure f) {
  return f == NetworkFailure::Unreachable || f == NetworkFailure::Timeout || f == NetworkFailure::Dns;
}

std::string base_url(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  // Some set the provider's URL to .../api; the management paths add it themselves.
  if (url.size() >= 4 && url.compare(url.size() - 4, 4, "/api") == 0) url.resize(url.size() - 4);
  return url;
}

void check_model_name(const std::string& model) {
  if (model.empty()) throw Error(ErrorKind::InvalidInput, "give a model name, e.g. llama3.2:3b");
  if (model.size() > 300) throw Error(ErrorKind::InvalidInput, "the model name is too long");
  for (unsigned char c : model)
    if (!(std::isalnum(c) || c == '.' || c == '-' || c == '_' || c == ':' || c == '/' || c == '@'))
      throw Error(ErrorKind::InvalidInput,
                  "the model name " + model + " has characters Ollama does not accept (letters, digits and . - _ : / only)");
}

std::string unexpected_answer(const std::string& url, const net::HttpHeaders& headers, std::string_view body) {
  const std::string excerpt = net::body_excerpt(headers, body, 80);
  return "something at " + net::display_host(url) + " answered, but not as Ollama does" +
         (excerpt.empty() ? std::string() : " (it said: " + excerpt + ")") +
         ": check the URL of the Ollama provider";
}

}  // namespace

std::string ollama_install_hint() {
  return "Install it from " + std::string(kOllamaDownloadUrl) + " (on Linux: " + std::string(kOllamaInstallCommand) +
         "), then start it with `ollama serve`.";
}

std::string ollama_url(const std::vector<ProviderSummary>& providers) {
  const ProviderSummary* found = nullptr;
  for (const auto& p : providers)
    if (p.config.kind == ProviderKind::Ollama && !p.config.url.empty() && (!found || (p.is_active && !found->is_active)))
      found = &p;
  return found ? base_url(found->config.url) : std::string(kDefaultOllamaUrl);
}

OllamaManager::OllamaManager(net::OutboundGate& gate, std::string url, std::string service)
    : gate_(gate), url_(base_url(url.empty() ? std::string(kDefaultOllamaUrl) : std::move(url))),
      service_(std::move(service)) {
  net::parse_http_url(url_);  // NetworkError(InvalidUrl) for anything but http(s)
}

namespace {

// A request that carries nothing but, for pull and delete, the model name the user typed.
net::OutboundRequest request(const std::string& action, const std::string& service, const std::string& model,
                             const std::string& method, const std::string& url, const CancelCheck& cancelled) {
  net::OutboundRequest r;
  r.target = {action, service, model, method, url};
  r.headers.add("Accept", "application/json");
  if (model.empty()) {
    r.build_body = [](const std::vector<net::ClearedPart>&) { return std::string(); };
  } else {
    r.headers.add("Content-Type", "application/json");
    r.parts = {net::BodyPart::typed(model)};
    r.build_body = [method](const std::vector<net::ClearedPart>& parts) {
      nlohmann::json body{{"model", parts.at(0).text}};
      if (method == "POST") body["stream"] = true;
      return body.dump();
    };
  }
  r.options.connect_timeout_ms = kConnectTimeoutMs;
  r.options.idle_timeout_ms = kIdleTimeoutMs;
  r.options.max_retries = 0;
  r.options.max_body_bytes = std::int64_t{16} << 20;
  r.cancelled = cancelled;
  return r;
}

// Network failures told in Ollama's terms: not running (with the install hint), not Ollama.
[[noreturn]] void rethrow_for_ollama(const NetworkError& e, const std::string& url) {
  if (not_there(e.failure()))
    throw NetworkError(e.failure(), "Ollama is not running at " + net::display_host(url) + " (" + e.what() + "). " +
                                        ollama_install_hint());
  throw;
}

nlohmann::json parse_json(const net::HttpResponse& response, const std::string& url) {
  if (net::looks_like_html(response.headers, response.body))
    throw NetworkError(NetworkFailure::UnexpectedContent, unexpected_answer(url, response.headers, response.body),
                       response.status);
  try {
    return nlohmann::json::parse(response.body);
  } catch (const nlohmann::json::exception&) {
    throw NetworkError(NetworkFailure::UnexpectedContent, unexpected_answer(url, response.headers, response.body),
                       response.status);
  }
}

std::string string_at(const nlohmann::json& o, const char* key) {
  auto it = o.find(key);
  return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::int64_t int_at(const nlohmann::json& o, const char* key) {
  auto it = o.find(key);
  return it != o.end() && it->is_number() ? it->get<std::int64_t>() : 0;
}

}  // namespace

OllamaStatus OllamaManager::status(const CancelCheck& cancelled) const {
  OllamaStatus out;
  out.url = url_;
  const std::string where = net::display_host(url_);
  try {
    const auto sent = gate_.send(request("ollama_status", service_, {}, "GET", url_ + "/api/version", cancelled));
    const nlohmann::json j = parse_json(sent.response, url_);
    out.version = j.is_object() ? string_at(j, "version") : std::string();
    if (out.version.empty())
      throw NetworkError(NetworkFailure::UnexpectedContent,
                         unexpected_answer(url_, sent.response.headers, sent.response.body));
    out.running = true;
    out.message = "Ollama " + out.version + " is running at " + where;
  } catch (const NetworkError& e) {
    out.running = false;
    if (not_there(e.failure())) {
      out.message = "Ollama is not running at " + where + ".";
      out.install_hint = ollama_install_hint();
    } else {
      out.message = e.what();
    }
  }
  return out;
}

std::vector<OllamaModel> OllamaManager::models(const CancelCheck& cancelled) const {
  net::SendResult sent;
  try {
    sent = gate_.send(request("ollama_models", service_, {}, "GET", url_ + "/api/tags", cancelled));
  } catch (const NetworkError& e) {
    rethrow_for_ollama(e, url_);
  }
  const nlohmann::json j = parse_json(sent.response, url_);
  auto list = j.is_object() ? j.find("models") : j.end();
  if (list == j.end() || !list->is_array())
    throw NetworkError(NetworkFailure::UnexpectedContent, unexpected_answer(url_, sent.response.headers, sent.response.body));
  std::vector<OllamaModel> out;
  for (const auto& m : *list) {
    if (!m.is_object()) continue;
    OllamaModel model;
    model.name = string_at(m, "name");
    if (model.name.empty()) model.name = string_at(m, "model");
    if (model.name.empty()) continue;
    model.size = int_at(m, "size");
    model.modified_at = string_at(m, "modified_at");
    model.digest = string_at(m, "digest");
    if (auto d = m.find("details"); d != m.end() && d->is_object()) {
      model.family = string_at(*d, "family");
      model.parameter_size = string_at(*d, "parameter_size");
      model.quantization = string_at(*d, "quantization_level");
    }
    out.push_back(std::move(model));
  }
  return out;
}

void OllamaManager::pull(const std::string& model, const PullCallback& progress, const CancelCheck& cancelled) const {
  check_model_name(model);
  auto r = request("ollama_pull", service_, model, "POST", url_ + "/api/pull", cancelled);
  r.options.idle_timeout_ms = kPullIdleTimeoutMs;

  NdjsonParser lines;
  bool first_bytes = true, succeeded = false, stopped = false;
  std::string failure;  // an {"error": ...} line, or an answer that is not Ollama's
  std::string head;     // the first bytes, for the message when the answer is not Ollama's
  auto on_line = [&](std::string_view line) {
    if (stopped) return;
    nlohmann::json j;
    try {
      j = nlohmann::json::parse(line);
    } catch (const nlohmann::json::exception&) {
      failure = unexpected_answer(url_, {}, head);
      stopped = true;
      return;
    }
    if (!j.is_object()) return;
    if (auto e = j.find("error"); e != j.end()) {
      failure = "Ollama could not pull " + model + ": " + (e->is_string() ? e->get<std::string>() : e->dump());
      stopped = true;
      return;
    }
    PullProgress p{string_at(j, "status"), string_at(j, "digest"), int_at(j, "total"), int_at(j, "completed")};
    if (p.status == "success") succeeded = true;
    if (progress && !progress(p)) stopped = true;
  };
  net::SendResult sent;
  try {
    sent = gate_.stream(r, [&](std::string_view chunk) {
      if (first_bytes) {
        head.assign(chunk.substr(0, 512));
        first_bytes = false;
        if (net::looks_like_html({}, chunk)) {
          failure = unexpected_answer(url_, {}, head);
          return false;
        }
      }
      lines.feed(chunk, on_line);
      return !stopped;
    });
    if (!stopped && sent.response.cut_off == net::CutOff::None)
      if (auto rest = lines.finish()) on_line(*rest);
  } catch (const NetworkError& e) {
    if (e.failure() == NetworkFailure::ConnectionLost || e.failure() == NetworkFailure::IdleTimeout)
      throw NetworkError(e.failure(), "the pull of " + model + " stopped before it finished (" + e.what() +
                                          "); pull it again to resume where it stopped");
    rethrow_for_ollama(e, url_);
  }
  if (!failure.empty()) throw Error(ErrorKind::Network, failure);
  if (succeeded) return;  // a cancel that came after Ollama's "success" is too late to matter
  if (stopped || sent.response.cut_off != net::CutOff::None)
    throw Error(ErrorKind::Cancelled, "the pull of " + model + " was cancelled (pull it again to resume)");
  if (!succeeded)
    throw Error(ErrorKind::Network, "the pull of " + model + " ended before Ollama reported success; pull it again to resume");
}

void OllamaManager::remove(const std::string& model, const CancelCheck& cancelled) const {
  check_model_name(model);
  try {
    gate_.send(request("ollama_delete", service_, model, "DELETE", url_ + "/api/delete", cancelled));
  } catch (const NetworkError& e) {
    if (e.failure() == NetworkFailure::NotFound) throw Error(ErrorKind::NotFound, "model not found: " + model);
    rethrow_for_ollama(e, url_);
  }
}

}  // namespace tftsr::ai
