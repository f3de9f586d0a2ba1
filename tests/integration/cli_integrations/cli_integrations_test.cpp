// `tftsr integration`, `tftsr publish confluence` and `tftsr ticket`: the real binary against
// loopback servers speaking Confluence's, ServiceNow's and Azure DevOps' formats.
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>

#include <nlohmann/json.hpp>

#include "tests/fakes/azure_devops_fake.h"
#include "tests/fakes/confluence_fake.h"
#include "tests/fakes/loopback_http_server.h"
#include "tests/fakes/servicenow_fake.h"
#include "tests/support/cli_runner.h"

using namespace tftsr::test;
using nlohmann::json;
namespace cf = tftsr::test::confluence_fake;
namespace sn = tftsr::test::servicenow_fake;
namespace ado = tftsr::test::azure_devops_fake;

namespace {
const std::string kToken = "cli-token-Xy7Qm2Lp9";

struct IntegrationCli {
  Cli cli;
  LoopbackHttpServer server;
  std::string incident;
  std::string root;

  IntegrationCli() {
    incident = cli.run_json({"issue", "new", "--title", "Payment API 5xx", "--severity", "P2"})["id"];
    root = server.url("/");
    root.pop_back();
  }
  std::string token_file() const {
    const auto f = cli.dir / "token.txt";
    std::ofstream(f) << kToken << "\n";
    return f.string();
  }
};
}  // namespace

TEST_CASE("cli: integration set refuses a URL without scheme and a missing credential, and stores nothing") {
  IntegrationCli c;
  auto r = c.cli.run({"integration", "set", "servicenow", "--url", "acme.service-now.com", "--token-file", c.token_file()});
  CHECK(r.exit_code == 2);  // bad input
  CHECK(r.err.find("no scheme") != std::string::npos);
  r = c.cli.run({"integration", "set", "servicenow", "--url", "https://acme.service-now.com"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("--token-env VAR, --token-file FILE or --oauth") != std::string::npos);
  r = c.cli.run({"integration", "set", "jira", "--url", "https://x", "--token-file", c.token_file()});
  CHECK(r.err.find("unknown service \"jira\"") != std::string::npos);
  const json list = c.cli.run_json({"integration", "list"});
  for (const auto& s : list) CHECK(s["configured"] == false);
}

TEST_CASE("cli: set up Confluence from an environment variable, test it, publish a document twice") {
  IntegrationCli c;
  ::setenv("TFTSR_CLI_TEST_CONFLUENCE_TOKEN", kToken.c_str(), 1);
  const std::string base = c.root + "/wiki";
  auto set = c.cli.run({"integration", "set", "confluence", "--url", base + "/", "--space", "OPS", "--username",
                        "jane@example.com", "--token-env", "TFTSR_CLI_TEST_CONFLUENCE_TOKEN"});
  INFO(set.err);
  REQUIRE(set.exit_code == 0);
  CHECK(set.out.find(kToken) == std::string::npos);

  c.server.set_script({cf::spaces({{"OPS", "Operations"}}, base)});
  auto test = c.cli.run({"integration", "test", "confluence"});
  INFO(test.err);
  CHECK(test.exit_code == 0);
  CHECK(test.out.find("connected") != std::string::npos);

  const std::string doc = c.cli.run_json({"doc", "generate", c.incident, "--type", "rca"})["id"];
  c.server.set_script({cf::space("OPS", "Operations"), cf::page({"4242", "RCA", 1}, base)});
  json first = c.cli.run_json({"publish", "confluence", doc, "--space", "OPS", "--parent", "100"});
  CHECK(first["id"] == "4242");
  CHECK(first["url"] == base + "/spaces/OPS/pages/4242");
  CHECK(first["updated"] == false);

  c.server.set_script({cf::space("OPS", "Operations"), cf::page({"4242", "RCA", 1}, base), cf::page({"4242", "RCA", 2}, base)});
  json second = c.cli.run_json({"publish", "confluence", doc});
  CHECK(second["updated"] == true);
  CHECK(second["version"] == 2);
  CHECK(c.server.requests().back().method == "PUT");

  c.server.set_script({cf::space_not_found("NOPE")});
  auto missing = c.cli.run({"publish", "confluence", doc, "--space", "NOPE"});
  CHECK(missing.exit_code == 1);
  CHECK(missing.err.find("space \"NOPE\" does not exist") != std::string::npos);
}

TEST_CASE("cli: ServiceNow ticket create, show and comment") {
  IntegrationCli c;
  REQUIRE(c.cli.run({"integration", "set", "servicenow", "--url", c.root, "--username", "api", "--token-file",
                     c.token_file()})
              .exit_code == 0);
  const sn::FakeIncident inc{"9d385017c611228701d22104cc95c371", "INC0010002", "Payment API 5xx", "1"};
  c.server.set_script({sn::record(inc, 201)});
  json created = c.cli.run_json({"ticket", "create", "servicenow", c.incident});
  CHECK(created["key"] == "INC0010002");
  CHECK(created["id"] == inc.sys_id);
  CHECK(created["url"].get<std::string>().find(inc.sys_id) != std::string::npos);
  CHECK(json::parse(c.server.requests()[0].body)["urgency"] == "2");

  c.server.set_script({sn::records({inc})});
  json shown = c.cli.run_json({"ticket", "show", "servicenow", "INC0010002"});
  CHECK(shown["title"] == "Payment API 5xx");

  c.server.set_script({sn::records({inc}), sn::record(inc)});
  auto note = c.cli.run({"ticket", "comment", "servicenow", "INC0010002", "Pool resized"});
  INFO(note.err);
  CHECK(note.exit_code == 0);
  CHECK(json::parse(c.server.requests().back().body)["work_notes"] == "Pool resized");

  c.server.set_script({sn::login_page()});
  auto html = c.cli.run({"ticket", "show", "servicenow", "INC0010002"});
  CHECK(html.exit_code == 1);
  CHECK(html.err.find("HTML page") != std::string::npos);
}

TEST_CASE("cli: Azure DevOps ticket create with a type, and comment") {
  IntegrationCli c;
  const std::string org = c.root + "/acme";
  REQUIRE(c.cli.run({"integration", "set", "azuredevops", "--url", org, "--project", "Payments", "--token-file",
                     c.token_file()})
              .exit_code == 0);
  c.server.set_script({ado::work_item({77, "Task", "Payment API 5xx"}, org, "Payments")});
  json created = c.cli.run_json({"ticket", "create", "azuredevops", c.incident, "--type", "Task"});
  CHECK(created["id"] == "77");
  CHECK(created["url"] == org + "/Payments/_workitems/edit/77");
  CHECK(c.server.requests()[0].target == "/acme/Payments/_apis/wit/workitems/$Task?api-version=7.0");

  c.server.set_script({ado::comment(77, "<p>done</p>")});
  CHECK(c.cli.run({"ticket", "comment", "azuredevops", "77", "done"}).exit_code == 0);
  CHECK(c.server.requests().back().target.find("api-version=7.0-preview.3") != std::string::npos);
}
