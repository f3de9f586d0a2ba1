#pragma once
// How the service clients reach their service: every request through the outbound gate (the
// text parts scanned and masked, the body audited with its SHA-256), the Authorization header
// from the credentials (refreshed once on a 401 when the sign-in can be refreshed), and the
// replies checked for JSON with messages that name the service and what to do.
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/integrations/integration_model.h"
#include "core/net/outbound_gate.h"

namespace tftsr::integrations {

// The Authorization header value, and a forced refresh (false when the credential cannot be
// refreshed, e.g. an API token).
struct AuthSource {
  std::function<std::string()> header;
  std::function<bool()> refresh;
};

struct ServiceCall {
  std::string operation;  // "create_page", "search": the audit action is "<service>_<operation>"
  std::string method = "GET";
  std::string url;
  std::vector<net::BodyPart> parts;  // scanned by the gate
  // The body from the cleared parts; none: an empty body.
  std::function<std::string(const std::vector<net::ClearedPart>&)> build_body;
  std::string content_type = "application/json";
  net::SendRecorder record;  // runs with the audit entry, in its transaction
  int max_retries = 4;
  // A POST that only reads (a WIQL query). Other writes are sent again only when the service
  // surely did not act on them: a create retried after a 502 could make a duplicate.
  bool read_only = false;
  // Text in the URL (a search): the URL built from the cleared parts, by the gate.
  std::function<std::string(const std::vector<net::ClearedPart>&)> build_url;
};

class IntegrationTransport {
 public:
  IntegrationTransport(net::OutboundGate& gate, Service service, AuthSource auth, net::CancelCheck cancelled = {});

  Service service() const { return service_; }
  // Sends and returns the reply parsed as JSON (an empty reply gives null).
  nlohmann::json call(const ServiceCall& call);
  // Sends and returns the raw reply (a 2xx), after the HTML check.
  net::SendResult send(const ServiceCall& call);

 private:
  net::SendResult send_once(const ServiceCall& call);

  net::OutboundGate& gate_;
  Service service_;
  AuthSource auth_;
  net::CancelCheck cancelled_;
};

// A reply's top-level string member, or "" (numbers are given as their text).
std::string json_text(const nlohmann::json& object, const char* key);

}  // namespace tftsr::integrations
