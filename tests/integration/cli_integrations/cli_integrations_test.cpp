// `tftsr integration`, `tftsr publish confluence` and `tftsr ticket`: the real binary against
// loopback servers speaking Confluence's, ServiceNow's and Azure DevOps' formats.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

#include <nlohmann/json.hpp>

#include "tests/fakes/azure_devops_fake.h"
#include "tests/fakes/confluence_fake.h"
#include "tests/fakes/loopback_http_server.h"
#include "tests/fakes/oauth_fake.h"
#include "tests/fakes/servicenow_fake.h"
#include "tests/support/cli_runner.h"

using namespace tftsr::test;
using nlohmann::json;
namespace cf = tftsr::test::confluence_fake;
namespace sn = tftsr::test::servicenow_fake;
namespace ado = tftsr::test::azure_devops_fake;
namespace of = tftsr::test::oauth_fake;

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

TEST_CASE("cli: integration set --oauth opens the browser, takes the redirect and signs in") {
  IntegrationCli c;
  LoopbackHttpServer auth({of::tokens("cli-access-1", "cli-refresh-1")});
  // The "browser" xdg-open starts: it follows the authorization URL's redirect_uri with a code
  // and the same state, over bash's /dev/tcp, and keeps the page the app answered with.
  const auto bin = c.cli.dir / "bin";
  std::filesystem::create_directories(bin);
  const auto page = c.cli.dir / "page.txt";
  {
    std::ofstream script(bin / "xdg-open");
    script << "#!/bin/bash\n"
              "url=\"$1\"\n"
              "param() { printf '%s' \"$url\" | sed -n \"s/.*[?&]$1=\\([^&]*\\).*/\\1/p\"; }\n"
              "redirect=$(param redirect_uri); redirect=$(printf '%b' \"${redirect//%/\\\\x}\")\n"
              "state=$(param state)\n"
              "hostport=${redirect#http://}; path=/${hostport#*/}; hostport=${hostport%%/*}\n"
              "exec 3<>/dev/tcp/127.0.0.1/${hostport#*:}\n"
              "printf 'GET %s?code=cli-code-1&state=%s HTTP/1.1\\r\\nHost: %s\\r\\nConnection: close\\r\\n\\r\\n' "
              "\"$path\" \"$state\" \"$hostport\" >&3\n"
              "cat <&3 > '"
           << page.string() << ".part' && mv '" << page.string() << ".part' '" << page.string() << "'\n";
  }
  std::filesystem::permissions(bin / "xdg-open", std::filesystem::perms::owner_all);
  const std::string base = c.root + "/wiki";
  auto set = run_process({TFTSR_BINARY, "integration", "set", "confluence", "--url", base, "--space", "OPS", "--oauth",
                          "--client-id", "tftsr-cli-test", "--authorize-url", "https://auth.example/authorize",
                          "--token-url", auth.url("/oauth/token"), "--scope", "read:confluence-content.all",
                          "--data-dir", c.cli.data_dir().string()},
                         {{"TFTSR_DB_KEY", c.cli.key}, {"PATH", bin.string() + ":/usr/bin:/bin"}});
  INFO(set.err);
  REQUIRE(set.exit_code == 0);
  CHECK(set.out.find("signed in with OAuth") != std::string::npos);
  CHECK(set.err.find("https://auth.example/authorize?") != std::string::npos);  // for a machine without a browser
  // The browser runs on after the program ends (nobody waits for it): give it time to save the page.
  for (int i = 0; i < 100 && !std::filesystem::exists(page); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  std::ifstream answered(page);
  const std::string shown((std::istreambuf_iterator<char>(answered)), std::istreambuf_iterator<char>());
  CHECK(shown.find("200") != std::string::npos);

  REQUIRE(auth.requests().size() == 1);
  auto form = of::query_of("?" + auth.requests()[0].body);
  CHECK(form["grant_type"] == "authorization_code");
  CHECK(form["code"] == "cli-code-1");
  CHECK(form["code_verifier"].size() >= 43);

  c.server.set_script({cf::spaces({{"OPS", "Operations"}}, base)});
  auto test = c.cli.run({"integration", "test", "confluence"});
  INFO(test.err);
  CHECK(test.exit_code == 0);
  CHECK(c.server.requests().back().header("Authorization") == "Bearer cli-access-1");
  CHECK(test.out.find("cli-access-1") == std::string::npos);
}

TEST_CASE("cli: with --auto-create, issue new also creates the ServiceNow ticket, and a failure leaves the incident") {
  IntegrationCli c;
  auto refused = c.cli.run({"integration", "set", "confluence", "--url", c.root + "/wiki", "--auto-create",
                            "--token-file", c.token_file()});
  CHECK(refused.exit_code == 2);
  CHECK(refused.err.find("only ServiceNow and Azure DevOps") != std::string::npos);

  REQUIRE(c.cli.run({"integration", "set", "servicenow", "--url", c.root, "--username", "api", "--auto-create",
                     "--token-file", c.token_file()})
              .exit_code == 0);
  const sn::FakeIncident inc{"9d385017c611228701d22104cc95c371", "INC0010003", "Disk full on db-1", "1"};
  c.server.set_script({sn::record(inc, 201)});
  json created = c.cli.run_json({"issue", "new", "--title", "Disk full on db-1", "--severity", "P1"});
  REQUIRE(created["tickets"].size() == 1);
  CHECK(created["tickets"][0]["service"] == "servicenow");
  CHECK(created["tickets"][0]["key"] == "INC0010003");
  CHECK(json::parse(c.server.requests().back().body)["short_description"] == "Disk full on db-1");

  // Set again without the flag (a new password, say): it keeps creating tickets until told not to.
  REQUIRE(c.cli.run({"integration", "set", "servicenow", "--url", c.root, "--username", "api", "--token-file",
                     c.token_file()})
              .exit_code == 0);
  CHECK(c.cli.run_json({"integration", "list"})[1]["auto_create"] == true);

  c.server.set_script({sn::login_page()});
  auto r = c.cli.run({"issue", "new", "--title", "Second", "--severity", "P3"});
  CHECK(r.exit_code == 0);  // the incident was created
  CHECK(r.out.find("Second") != std::string::npos);
  CHECK(r.err.find("no ServiceNow ticket was created") != std::string::npos);
  CHECK(c.cli.run_json({"issue", "list"}).size() == 3);

  REQUIRE(c.cli.run({"integration", "set", "servicenow", "--url", c.root, "--username", "api", "--no-auto-create",
                     "--token-file", c.token_file()})
              .exit_code == 0);
  CHECK(c.cli.run_json({"integration", "list"})[1]["auto_create"] == false);
  const auto requests = c.server.requests().size();
  c.cli.run_json({"issue", "new", "--title", "Third", "--severity", "P4"});
  CHECK(c.server.requests().size() == requests);  // nothing sent
}
