#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "core/crypto/sha256.h"
#include "tests/fakes/confluence_fake.h"
#include "tests/fakes/servicenow_fake.h"
#include "tests/unit/integrations/integration_fixture.h"

using namespace tftsr;
using namespace tftsr::integrations;
using namespace tftsr::test;
namespace cf = tftsr::test::confluence_fake;
namespace sn = tftsr::test::servicenow_fake;

TEST_CASE("a planted secret in a document never reaches the server, and every body sent is audited by its SHA-256") {
  IntegrationFixture f;
  const std::string base = f.root() + "/wiki";
  f.t->documents().save(f.document, "# RCA\n\nThe deploy used key " + kAwsKey + " and paged " + kEmail + ".\n");
  f.server.set_script({cf::space("OPS", "Operations"), cf::page({"9001", "RCA", 1}, base)});
  f.configure(Service::Confluence);
  f.t->integrations().publish_document(f.document, {std::string("OPS"), std::nullopt});

  auto reqs = f.server.requests();
  REQUIRE(reqs.size() == 2);
  auto sends = f.sends(Service::Confluence);
  REQUIRE(sends.size() == reqs.size());
  for (std::size_t i = 0; i < reqs.size(); ++i) {
    CHECK(reqs[i].body.find(kAwsKey) == std::string::npos);
    CHECK(reqs[i].body.find(kEmail) == std::string::npos);
    CHECK(reqs[i].target.find(kEmail) == std::string::npos);
    CHECK(audited_sha(sends[i]) == sha256_hex(reqs[i].body));
  }
  CHECK(reqs[1].body.find("[AwsAccessKey]") != std::string::npos);
  CHECK(reqs[1].body.find("[Email]") != std::string::npos);
  CHECK(sends[1].action == "confluence_create_page");
  auto details = nlohmann::json::parse(sends[1].details.value());
  CHECK(details["redacted"]["Email"] == 1);
  // The audit never holds the credential.
  for (const auto& e : sends) CHECK(e.details->find(kToken) == std::string::npos);
}

TEST_CASE("a secret in an incident's description and in a search never reaches ServiceNow") {
  IntegrationFixture f({sn::record({}, 201)});
  f.t->incidents().update(f.incident, {{}, {}, {}, {}, std::string("Leaked " + kAwsKey + " mailed to " + kEmail)});
  f.configure(Service::ServiceNow);
  f.t->integrations().create_ticket(Service::ServiceNow, f.incident);
  f.server.set_script({sn::records({})});
  f.t->integrations().search_tickets(Service::ServiceNow, kEmail);
  auto reqs = f.server.requests();
  REQUIRE(reqs.size() == 2);
  for (const auto& r : reqs) {
    CHECK(r.body.find(kAwsKey) == std::string::npos);
    CHECK(r.body.find(kEmail) == std::string::npos);
    CHECK(r.target.find("oncall.lead") == std::string::npos);
  }
  auto sends = f.sends(Service::ServiceNow);
  REQUIRE(sends.size() == 2);
  CHECK(audited_sha(sends[0]) == sha256_hex(reqs[0].body));
  // The search travelled in the URL: the gate masked it there and audited the URL it sent.
  const auto search = nlohmann::json::parse(sends[1].details.value_or("{}"));
  CHECK(search["url_sha256"] == sha256_hex(f.root() + reqs[1].target));
  CHECK(search["redacted"]["Email"] == 1);
}
