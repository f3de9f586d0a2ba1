// The previews show what the gate lets leave: the same masking, byte for byte, as the body the
// loopback server receives when the page is published or the ticket created.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "core/integrations/confluence_storage.h"
#include "tests/fakes/confluence_fake.h"
#include "tests/fakes/servicenow_fake.h"
#include "tests/unit/integrations/integration_fixture.h"

using namespace tftsr;
using namespace tftsr::integrations;
using namespace tftsr::test;
namespace cf = tftsr::test::confluence_fake;
namespace sn = tftsr::test::servicenow_fake;

TEST_CASE("the publish preview masks a planted secret exactly as the page Confluence receives") {
  IntegrationFixture f;
  const std::string base = f.root() + "/wiki";
  f.t->documents().save(f.document, "# RCA\n\nThe deploy used key " + kAwsKey + " and paged " + kEmail +
                                        " and " + kEmail + ".\n");
  f.configure(Service::Confluence);

  const PublishPreview p = f.t->integrations().preview_publish(f.document);
  CHECK(p.space_key == "OPS");
  CHECK_FALSE(p.updates.has_value());
  CHECK(p.sent.text.find(kAwsKey) == std::string::npos);
  CHECK(p.sent.text.find(kEmail) == std::string::npos);
  CHECK(p.sent.text.find("[AwsAccessKey]") != std::string::npos);
  CHECK(p.sent.masked == 3);
  CHECK(p.sent.masked_by_type.at("Email") == 2);
  CHECK(p.sent.masked_by_type.at("AwsAccessKey") == 1);
  CHECK(f.server.requests().empty());  // a preview sends nothing
  CHECK(f.sends(Service::Confluence).empty());  // and audits nothing

  f.server.set_script({cf::space("OPS", "Operations"), cf::page({"9001", "RCA", 1}, base)});
  f.t->integrations().publish_document(f.document, {});
  auto reqs = f.server.requests();
  REQUIRE(reqs.size() == 2);
  auto body = nlohmann::json::parse(reqs[1].body);
  CHECK(body["title"] == p.sent.title);
  CHECK(body["body"]["storage"]["value"] == markdown_to_confluence_storage(p.sent.text));

  // Published once: the preview names the page that publishing again updates, in that space only.
  const PublishPreview again = f.t->integrations().preview_publish(f.document);
  REQUIRE(again.updates.has_value());
  CHECK(again.updates->remote_id == "9001");
  CHECK_FALSE(f.t->integrations().preview_publish(f.document, {std::string("DEV"), std::nullopt}).updates.has_value());
}

TEST_CASE("the ticket preview masks a planted secret exactly as the incident ServiceNow receives") {
  IntegrationFixture f({sn::record({}, 201)});
  f.t->incidents().update(f.incident, {{}, {}, {}, {}, std::string("Leaked " + kAwsKey + " mailed to " + kEmail)});
  f.configure(Service::ServiceNow);

  const SendPreview p = f.t->integrations().preview_ticket(f.incident);
  CHECK(p.title == "Payment API 5xx after deploy");
  CHECK(p.text.find(kAwsKey) == std::string::npos);
  CHECK(p.text.find("Leaked [AwsAccessKey] mailed to [Email]") != std::string::npos);
  CHECK(p.text.find("Severity: P1") != std::string::npos);
  CHECK(p.masked == 2);
  CHECK(f.server.requests().empty());

  f.t->integrations().create_ticket(Service::ServiceNow, f.incident);
  auto reqs = f.server.requests();
  REQUIRE(reqs.size() == 1);
  auto body = nlohmann::json::parse(reqs[0].body);
  CHECK(body["short_description"] == p.title);
  CHECK(body["description"] == p.text);
}

TEST_CASE("previews of what does not exist say so") {
  IntegrationFixture f;
  CHECK(error_of([&] { f.t->integrations().preview_ticket("no-such-incident"); }).find("no-such-incident") !=
        std::string::npos);
  // Confluence not set up: the message names what to do.
  CHECK(error_of([&] { f.t->integrations().preview_publish(f.document); }).find("not set up") != std::string::npos);
}
