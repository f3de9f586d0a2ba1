#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "core/crypto/base64.h"
#include "core/error.h"
#include "tests/fakes/azure_devops_fake.h"
#include "tests/unit/integrations/integration_fixture.h"

using namespace tftsr;
using namespace tftsr::integrations;
using namespace tftsr::test;
namespace ado = tftsr::test::azure_devops_fake;
using nlohmann::json;

TEST_CASE("an Azure DevOps bug is created through JSON Patch with the severity mapped") {
  IntegrationFixture f;
  const std::string org = f.root() + "/acme";
  f.server.set_script({ado::work_item({42, "Bug", "Payment API 5xx after deploy"}, org, "Payments")});
  f.configure(Service::AzureDevOps);
  TicketResult r = f.t->integrations().create_ticket(Service::AzureDevOps, f.incident, {"Bug"});
  CHECK(r.ticket.id == "42");
  CHECK(r.ticket.url == org + "/Payments/_workitems/edit/42");
  auto reqs = f.server.requests();
  REQUIRE(reqs.size() == 1);
  CHECK(reqs[0].target == "/acme/Payments/_apis/wit/workitems/$Bug?api-version=7.0");
  CHECK(reqs[0].header("Content-Type") == "application/json-patch+json");
  CHECK(reqs[0].header("Authorization") == "Basic " + base64_encode(":" + kToken));
  json ops = json::parse(reqs[0].body);
  REQUIRE(ops.is_array());
  CHECK(ops[0] == json{{"op", "add"}, {"path", "/fields/System.Title"}, {"value", "Payment API 5xx after deploy"}});
  bool severity = false;
  for (const auto& op : ops)
    severity |= op["path"] == "/fields/Microsoft.VSTS.Common.Severity" && op["value"] == "1 - Critical";
  CHECK(severity);
}

TEST_CASE("a User Story goes to its type's URL, encoded, and an unknown type is refused before anything is sent") {
  IntegrationFixture f;
  f.server.set_script({ado::work_item({43, "User Story", "x"}, f.root() + "/acme", "Payments")});
  f.configure(Service::AzureDevOps);
  f.t->integrations().create_ticket(Service::AzureDevOps, f.incident, {"User Story"});
  CHECK(f.server.requests()[0].target == "/acme/Payments/_apis/wit/workitems/$User%20Story?api-version=7.0");
  CHECK(error_of([&] { f.t->integrations().create_ticket(Service::AzureDevOps, f.incident, {"Epic"}); })
            .find("unknown work item type \"Epic\"") != std::string::npos);
  CHECK(f.server.requests().size() == 1);
}

TEST_CASE("a WIQL search with quotes keeps them inside the literal") {
  IntegrationFixture f;
  const std::string org = f.root() + "/acme";
  f.server.set_script({ado::wiql({42}, org), ado::work_items({{42, "Bug", "it's down"}}, org, "Payments")});
  f.configure(Service::AzureDevOps);
  auto found = f.t->integrations().search_tickets(Service::AzureDevOps, "it's' OR 1=1 --");
  REQUIRE(found.size() == 1);
  CHECK(found[0].title == "it's down");
  auto reqs = f.server.requests();
  REQUIRE(reqs.size() == 2);
  CHECK(reqs[0].target.rfind("/acme/Payments/_apis/wit/wiql?", 0) == 0);
  const std::string query = json::parse(reqs[0].body)["query"];
  CHECK(query.find("[System.Title] CONTAINS 'it''s'' OR 1=1 --' ORDER BY") != std::string::npos);
  CHECK(reqs[1].target.rfind("/acme/_apis/wit/workitems?ids=42&", 0) == 0);
}

TEST_CASE("comments use the preview API version and get and update reach the work item") {
  IntegrationFixture f;
  const std::string org = f.root() + "/acme";
  f.server.set_script({ado::comment(42, "<p>note</p>")});
  f.configure(Service::AzureDevOps);
  f.t->integrations().comment(Service::AzureDevOps, "42", "note");
  CHECK(f.server.requests()[0].target == "/acme/Payments/_apis/wit/workItems/42/comments?api-version=7.0-preview.3");
  CHECK(json::parse(f.server.requests()[0].body)["text"] == "<p>note</p>");

  f.server.set_script({ado::work_item({42, "Bug", "t", "Active"}, org, "Payments")});
  CHECK(f.t->integrations().ticket(Service::AzureDevOps, "42").state == "Active");
  CHECK(f.server.requests()[1].target == "/acme/_apis/wit/workitems/42?api-version=7.0");
  CHECK(error_of([&] { f.t->integrations().ticket(Service::AzureDevOps, "42; DROP"); }).find("not an Azure DevOps work item id") !=
        std::string::npos);
}

TEST_CASE("Azure DevOps' sign-in page for a wrong token is named") {
  IntegrationFixture f({ado::sign_in_page()});
  f.configure(Service::AzureDevOps);
  const std::string msg = error_of([&] { f.t->integrations().test(Service::AzureDevOps); });
  CHECK(msg.find("HTML page") != std::string::npos);
  CHECK(msg.find("personal access token may be wrong") != std::string::npos);
}
