#include "core/integrations/integration_transport.h"

#include "core/error.h"
#include "core/net/http_url.h"
#include "core/net/network_error.h"
#include "core/net/response_checks.h"

namespace tftsr::integrations {

namespace {
// What an HTML page where JSON was expected usually means, per service.
std::string html_hint(Service s) {
  switch (s) {
    case Service::ServiceNow:
      return "the instance may be hibernating (developer instances sleep) or asking for an interactive (SSO) "
             "login; check the URL and that the account may use the REST API";
    case Service::Confluence:
      return "check the base URL (Cloud sites end in /wiki) and any proxy or login page in between";
    case Service::AzureDevOps:
      return "the personal access token may be wrong or expired (Azure DevOps then shows its sign-in page), or the "
             "organisation URL is wrong";
  }
  return {};
}
}  // namespace

IntegrationTransport::IntegrationTransport(net::OutboundGate& gate, Service service, AuthSource auth,
                                           net::CancelCheck cancelled)
    : gate_(gate), service_(service), auth_(std::move(auth)), cancelled_(std::move(cancelled)) {}

net::SendResult IntegrationTransport::send_once(const ServiceCall& call) {
  net::OutboundRequest req;
  req.target.action = std::string(service_id(service_)) + "_" + call.operation;
  req.target.service = std::string(service_id(service_));
  req.target.method = call.method;
  req.target.url = call.url;
  req.headers.add("Accept", "application/json");
  if (call.method != "GET") req.headers.add("Content-Type", call.content_type);
  if (auth_.header) req.headers.add("Authorization", auth_.header());
  // Data Center and Server refuse writes without it (XSRF check); Cloud ignores it.
  if (service_ == Service::Confluence) req.headers.add("X-Atlassian-Token", "no-check");
  req.parts = call.parts;
  req.build_body = call.build_body ? call.build_body
                                   : std::function<std::string(const std::vector<net::ClearedPart>&)>(
                                         [](const std::vector<net::ClearedPart>&) { return std::string(); });
  req.build_url = call.build_url;
  req.record = call.record;
  req.options.max_retries = call.max_retries;
  req.options.repeatable = call.method == "GET" || call.read_only;
  req.cancelled = cancelled_;
  return gate_.send(req);
}

net::SendResult IntegrationTransport::send(const ServiceCall& call) {
  const std::string name(service_name(service_));
  const std::string host = net::display_host(call.url);
  net::SendResult result;
  try {
    try {
      result = send_once(call);
    } catch (const net::NetworkError& e) {
      // An access token that expired early or was revoked: refresh once and try again.
      if (e.http_status() != 401 || !auth_.refresh || !auth_.refresh()) throw;
      result = send_once(call);
    }
  } catch (const net::NetworkError& e) {
    switch (e.http_status()) {
      case 401:
        throw net::NetworkError(e.failure(),
                                name + " at " + host + " refused the credentials (HTTP 401): the token is wrong, "
                                    "expired or revoked; set it again with `tftsr integration set " +
                                    std::string(service_id(service_)) + "`",
                                401);
      case 403:
        throw net::NetworkError(e.failure(),
                                name + " at " + host + " signed you in but refused this (HTTP 403): the account "
                                    "lacks the permission for it. " + e.what(),
                                403);
      case 429:
        throw net::NetworkError(e.failure(),
                                name + " at " + host + " kept answering 429 Too Many Requests, even after waiting "
                                    "as long as it asked (Retry-After): it limits how fast requests may come; wait a "
                                    "minute and try again",
                                429);
      default: throw;
    }
  }
  if (net::looks_like_html(result.response.headers, result.response.body))
    throw net::NetworkError(net::NetworkFailure::UnexpectedContent,
                            name + " at " + host + " answered with an HTML page (\"" +
                                net::body_excerpt(result.response.headers, result.response.body, 120) +
                                "\") instead of JSON: " + html_hint(service_),
                            result.response.status);
  return result;
}

nlohmann::json IntegrationTransport::call(const ServiceCall& call) {
  net::SendResult r = send(call);
  if (r.response.body.find_first_not_of(" \t\r\n") == std::string::npos) return nullptr;
  net::expect_json(r.response, service_name(service_));
  try {
    return nlohmann::json::parse(r.response.body);
  } catch (const nlohmann::json::exception&) {
    throw net::NetworkError(net::NetworkFailure::UnexpectedContent,
                            std::string(service_name(service_)) + " at " + net::display_host(call.url) +
                                " answered with broken JSON",
                            r.response.status);
  }
}

std::string json_text(const nlohmann::json& object, const char* key) {
  if (!object.is_object()) return {};
  auto it = object.find(key);
  if (it == object.end()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<std::int64_t>());
  return {};
}

}  // namespace tftsr::integrations
