#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "core/crypto/base64.h"
#include "core/error.h"
#include "tests/fakes/servicenow_fake.h"
#include "tests/unit/integrations/integration_fixture.h"

using namespace tftsr;
using namespace tftsr::integrations;
using namespace tftsr::test;
namespace sn = tftsr::test::servicenow_fake;
using nlohmann::json;

namespace {
const sn::FakeIncident kInc{"9d385017c611228701d22104cc95c371", "INC0010001", "Payment API 5xx after deploy", "1"};
}  // namespace

TEST_CASE("a ServiceNow incident is created from the incident with impact, urgency and category") {
  IntegrationFixture f({sn::record(kInc, 201)});
  f.configure(Service::ServiceNow);
  TicketResult r = f.t->integrations().create_ticket(Service::ServiceNow, f.incident);
  CHECK(r.ticket.key == "INC0010001");
  CHECK(r.ticket.url == f.root() + "/nav_to.do?uri=incident.do%3Fsys_id%3D" + kInc.sys_id);
  auto reqs = f.server.requests();
  REQUIRE(reqs.size() == 1);
  CHECK(reqs[0].method == "POST");
  CHECK(reqs[0].target.rfind("/api/now/table/incident?sysparm_fields=", 0) == 0);
  CHECK(reqs[0].header("Authorization") == "Basic " + base64_encode("tftsr.api:" + kToken));
  json body = json::parse(reqs[0].body);
  CHECK(body["short_description"] == "Payment API 5xx after deploy");
  CHECK(body["impact"] == "1");
  CHECK(body["urgency"] == "1");
  CHECK(body["category"] == "database");
  CHECK(body["description"].get<std::string>().find("Checkout fails with 502") != std::string::npos);

  auto links = f.t->integrations().links(f.incident);
  REQUIRE(links.size() == 1);
  CHECK(links[0].status == "done");
  CHECK(links[0].remote_key == "INC0010001");
  bool on_timeline = false;
  for (const auto& e : f.t->incidents().timeline(f.incident))
    on_timeline |= e.event_type == "ticket_created" && e.summary.find("INC0010001") != std::string::npos;
  CHECK(on_timeline);
}

TEST_CASE("a ServiceNow instance answering its HTML login page gets a specific message, and the attempt is kept") {
  IntegrationFixture f({sn::login_page()});
  f.configure(Service::ServiceNow);
  const std::string msg = error_of([&] { f.t->integrations().create_ticket(Service::ServiceNow, f.incident); });
  CHECK(msg.find("answered with an HTML page") != std::string::npos);
  CHECK(msg.find("hibernating") != std::string::npos);
  auto links = f.t->integrations().links(f.incident);
  REQUIRE(links.size() == 1);
  CHECK(links[0].status == "failed");
}

TEST_CASE("a create that failed with a 502 is not sent again: the instance may have made the incident") {
  IntegrationFixture f({sn::error(502, "Bad Gateway"), sn::record(kInc, 201)});
  f.configure(Service::ServiceNow);
  const std::string msg = error_of([&] { f.t->integrations().create_ticket(Service::ServiceNow, f.incident); });
  CHECK(msg.find("502") != std::string::npos);
  CHECK(f.server.requests().size() == 1);
  auto links = f.t->integrations().links(f.incident);
  REQUIRE(links.size() == 1);
  CHECK(links[0].status == "failed");
}

TEST_CASE("a create refused with 503 and Retry-After is sent again: the instance did not act on it") {
  IntegrationFixture f({sn::error(503, "Service Unavailable").with_header("Retry-After", "0"), sn::record(kInc, 201)});
  f.configure(Service::ServiceNow);
  TicketResult r = f.t->integrations().create_ticket(Service::ServiceNow, f.incident);
  CHECK(r.ticket.key == "INC0010001");
  CHECK(f.server.requests().size() == 2);
}

TEST_CASE("a ServiceNow incident is found by number through an encoded query, and by sys_id directly") {
  IntegrationFixture f({sn::records({kInc})});
  f.configure(Service::ServiceNow);
  RemoteTicket t = f.t->integrations().ticket(Service::ServiceNow, "INC0010001");
  CHECK(t.id == kInc.sys_id);
  CHECK(f.server.requests()[0].target.rfind("/api/now/table/incident?sysparm_query=number%3DINC0010001&", 0) == 0);

  f.server.set_script({sn::record(kInc)});
  f.t->integrations().ticket(Service::ServiceNow, kInc.sys_id);
  CHECK(f.server.requests()[1].target.rfind("/api/now/table/incident/" + kInc.sys_id + "?", 0) == 0);

  f.server.set_script({sn::records({})});
  CHECK(error_of([&] { f.t->integrations().ticket(Service::ServiceNow, "INC404"); }).find("has no incident INC404") !=
        std::string::npos);
}

TEST_CASE("a ServiceNow search keeps the user's ^ inside the value") {
  IntegrationFixture f({sn::records({kInc})});
  f.configure(Service::ServiceNow);
  auto found = f.t->integrations().search_tickets(Service::ServiceNow, "pool^ORactive=true");
  REQUIRE(found.size() == 1);
  const std::string target = f.server.requests()[0].target;
  CHECK(target.find("sysparm_query=short_descriptionLIKEpool%5E%5EORactive%3Dtrue%5EORnumber%3D") != std::string::npos);
}

TEST_CASE("work notes and resolving patch the incident by its sys_id") {
  IntegrationFixture f({sn::records({kInc}), sn::record(kInc)});
  f.configure(Service::ServiceNow);
  f.t->integrations().comment(Service::ServiceNow, "INC0010001", "Pool raised to 50");
  auto reqs = f.server.requests();
  REQUIRE(reqs.size() == 2);
  CHECK(reqs[1].method == "PATCH");
  CHECK(reqs[1].target.rfind("/api/now/table/incident/" + kInc.sys_id, 0) == 0);
  CHECK(json::parse(reqs[1].body)["work_notes"] == "Pool raised to 50");

  f.server.set_script({sn::record(kInc)});
  f.t->integrations().resolve_ticket(Service::ServiceNow, kInc.sys_id, "Solved (Permanently)", "Pool resized");
  json body = json::parse(f.server.requests()[2].body);
  CHECK(body["state"] == "6");
  CHECK(body["close_code"] == "Solved (Permanently)");
  CHECK(body["close_notes"] == "Pool resized");
}

TEST_CASE("services set to auto-create get a ticket for a new incident, and one failing does not stop the other") {
  IntegrationFixture f({sn::record(kInc, 201), ScriptedReply::html(200, "<html><title>Sign in</title></html>")});
  CHECK_FALSE(f.t->integrations().creates_tickets_automatically());
  CHECK(f.t->integrations().create_automatic_tickets(f.incident).empty());
  CHECK(f.server.requests().empty());  // nothing set to auto-create: nothing sent

  for (Service service : {Service::ServiceNow, Service::AzureDevOps}) {
    f.configure(service);
    auto s = f.t->integrations().settings(service);
    s.auto_create = true;
    f.t->integrations().configure(s);
  }
  CHECK(f.t->integrations().creates_tickets_automatically());
  const auto tickets = f.t->integrations().create_automatic_tickets(f.incident);
  REQUIRE(tickets.size() == 2);
  CHECK(tickets[0].service == Service::ServiceNow);
  REQUIRE(tickets[0].created.has_value());
  CHECK(tickets[0].created->ticket.key == "INC0010001");
  CHECK(tickets[1].service == Service::AzureDevOps);
  CHECK_FALSE(tickets[1].created.has_value());
  CHECK(tickets[1].error.find("HTML page") != std::string::npos);
  int done = 0, failed = 0;
  for (const auto& l : f.t->integrations().links(f.incident)) (l.status == "done" ? done : failed) += 1;
  CHECK(done == 1);
  CHECK(failed == 1);
}

TEST_CASE("Confluence cannot be set to auto-create: it holds pages, not tickets") {
  IntegrationFixture f;
  f.configure(Service::Confluence);
  auto s = f.t->integrations().settings(Service::Confluence);
  s.auto_create = true;
  CHECK(error_of([&] { f.t->integrations().configure(s); }).find("only ServiceNow and Azure DevOps") != std::string::npos);
  CHECK_FALSE(f.t->integrations().settings(Service::Confluence).auto_create);
}
