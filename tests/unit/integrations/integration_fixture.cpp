#include "tests/unit/integrations/integration_fixture.h"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace tftsr::test {

using namespace integrations;

IntegrationFixture::IntegrationFixture(std::vector<ScriptedReply> script) : server(std::move(script)) {
  incident = t->incidents().create({"Payment API 5xx after deploy", "P1", std::string("databases"),
                                    std::string("Checkout fails with 502 for EU users")})
                 .id;
  document = t->documents().generate(incident, "rca").id;
}

std::string IntegrationFixture::root() const {
  std::string u = server.url("/");
  u.pop_back();
  return u;
}

void IntegrationFixture::configure(Service service) {
  IntegrationSettings s;
  s.service = service;
  switch (service) {
    case Service::Confluence:
      s.base_url = root() + "/wiki";
      s.username = "jane@example.com";
      s.space_key = "OPS";
      break;
    case Service::ServiceNow:
      s.base_url = root();
      s.username = "tftsr.api";
      break;
    case Service::AzureDevOps:
      s.base_url = root() + "/acme";
      s.project = "Payments";
      break;
  }
  t->integrations().configure(s);
  t->integrations().set_token(service, kToken);
}

std::vector<AuditEntry> IntegrationFixture::sends(Service service) const {
  AuditFilter f;
  f.entity_type = "outbound";
  f.entity_id = std::string(service_id(service));
  f.limit = 0;
  auto all = t->audit().entries(f);
  std::sort(all.begin(), all.end(), [](const AuditEntry& a, const AuditEntry& b) { return a.seq < b.seq; });
  return all;
}

std::string audited_sha(const AuditEntry& e) {
  return nlohmann::json::parse(e.details.value_or("{}")).value("sha256", std::string());
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace tftsr::test
