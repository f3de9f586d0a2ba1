#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "core/crypto/base64.h"
#include "core/crypto/sha256.h"
#include "core/error.h"
#include "core/net/network_error.h"
#include "tests/fakes/confluence_fake.h"
#include "tests/support/second_connection.h"
#include "tests/unit/integrations/integration_fixture.h"

using namespace tftsr;
using namespace tftsr::integrations;
using namespace tftsr::test;
namespace cf = tftsr::test::confluence_fake;
using nlohmann::json;

TEST_CASE("the token is sealed, only its SHA-256 is kept in the clear, and Confluence gets Basic auth") {
  IntegrationFixture f({cf::spaces({{"OPS", "Operations"}}, "")});
  f.configure(Service::Confluence);
  Database db = second_connection(*f.t, "pw");
  auto st = db.prepare("SELECT token_hash, encrypted_token FROM credentials WHERE service = 'confluence'");
  REQUIRE(st.step());
  CHECK(st.text(0) == sha256_hex(kToken));
  CHECK(st.text(1).find(kToken) == std::string::npos);
  CHECK(f.t->open_secret(st.text(1)) == kToken);

  ConnectionCheck c = f.t->integrations().test(Service::Confluence);
  CHECK(c.summary.find("jane@example.com") != std::string::npos);
  auto reqs = f.server.requests();
  REQUIRE(reqs.size() == 1);
  CHECK(reqs[0].target == "/wiki/rest/api/space?limit=1");
  CHECK(reqs[0].header("Authorization") == "Basic " + base64_encode("jane@example.com:" + kToken));
}

TEST_CASE("publishing creates the page once and publishing again updates it with the version bumped") {
  IntegrationFixture f;
  const std::string base = f.root() + "/wiki";
  f.server.set_script({cf::space("OPS", "Operations"), cf::page({"65601", "RCA", 1}, base)});
  f.configure(Service::Confluence);

  PublishResult first = f.t->integrations().publish_document(f.document, {std::string("OPS"), std::string("12345")});
  CHECK_FALSE(first.updated);
  CHECK(first.page.id == "65601");
  CHECK(first.page.url == base + "/spaces/OPS/pages/65601");
  auto reqs = f.server.requests();
  REQUIRE(reqs.size() == 2);
  CHECK(reqs[0].target == "/wiki/rest/api/space/OPS");
  CHECK(reqs[1].method == "POST");
  CHECK(reqs[1].target == "/wiki/rest/api/content");
  CHECK(reqs[1].header("X-Atlassian-Token") == "no-check");
  json body = json::parse(reqs[1].body);
  CHECK(body["type"] == "page");
  CHECK(body["space"]["key"] == "OPS");
  CHECK(body["ancestors"][0]["id"] == "12345");
  CHECK(body["body"]["storage"]["representation"] == "storage");
  CHECK(body["body"]["storage"]["value"].get<std::string>().find("<h1>") != std::string::npos);

  f.server.set_script({cf::space("OPS", "Operations"), cf::page({"65601", "RCA", 1}, base),
                       cf::page({"65601", "RCA", 2}, base)});
  PublishResult second = f.t->integrations().publish_document(f.document, {std::string("OPS"), std::nullopt});
  CHECK(second.updated);
  CHECK(second.page.id == "65601");
  CHECK(second.page.version == 2);
  reqs = f.server.requests();
  REQUIRE(reqs.size() == 5);
  CHECK(reqs[3].target == "/wiki/rest/api/content/65601?expand=version");
  CHECK(reqs[4].method == "PUT");
  CHECK(reqs[4].target == "/wiki/rest/api/content/65601");
  CHECK(json::parse(reqs[4].body)["version"]["number"] == 2);

  auto links = f.t->integrations().links(f.incident);
  REQUIRE(links.size() == 2);
  CHECK(links[0].status == "done");
  CHECK(links[1].remote_id == "65601");
  CHECK(links[1].remote_version == 2);
  int published = 0;
  for (const auto& e : f.t->incidents().timeline(f.incident))
    if (e.event_type == "document_published") ++published;
  CHECK(published == 2);
}

TEST_CASE("a space that does not exist is named, and nothing is created") {
  IntegrationFixture f({cf::space_not_found("NOPE")});
  f.configure(Service::Confluence);
  const std::string msg =
      error_of([&] { f.t->integrations().publish_document(f.document, {std::string("NOPE"), std::nullopt}); });
  CHECK(msg.find("the Confluence space \"NOPE\" does not exist") != std::string::npos);
  CHECK(f.server.requests().size() == 1);
  CHECK(f.t->integrations().links(f.incident).empty());
}

TEST_CASE("a 409 on a page update says the page changed and records the failed attempt") {
  IntegrationFixture f;
  const std::string base = f.root() + "/wiki";
  f.server.set_script({cf::space("OPS", "Operations"), cf::page({"700", "RCA", 1}, base)});
  f.configure(Service::Confluence);
  f.t->integrations().publish_document(f.document, {std::string("OPS"), std::nullopt});

  f.server.set_script({cf::space("OPS", "Operations"), cf::page({"700", "RCA", 3}, base), cf::version_conflict(4)});
  const std::string msg =
      error_of([&] { f.t->integrations().publish_document(f.document, {std::string("OPS"), std::nullopt}); });
  CHECK(msg.find("HTTP 409 version conflict") != std::string::npos);
  CHECK(msg.find("after version 3") != std::string::npos);
  auto links = f.t->integrations().links(f.incident);
  REQUIRE(links.size() == 2);
  CHECK(links[0].status == "done");
  CHECK(links[1].status == "failed");
  CHECK(links[1].error->find("409") != std::string::npos);
}

TEST_CASE("a 429 with Retry-After is waited out and the request goes again") {
  IntegrationFixture f;
  f.server.set_script({ScriptedReply::too_many_requests("Retry-After", "1"), cf::spaces({{"OPS", "Operations"}}, "")});
  f.configure(Service::Confluence);
  auto spaces = f.t->integrations().confluence_spaces();
  REQUIRE(spaces.size() == 1);
  CHECK(spaces[0].key == "OPS");
  CHECK(f.server.requests().size() == 2);
}

TEST_CASE("a 429 that does not stop gives a message about rate limits") {
  IntegrationFixture f({ScriptedReply::too_many_requests("Retry-After", "0")});
  f.configure(Service::Confluence);
  const std::string msg = error_of([&] { f.t->integrations().test(Service::Confluence); });
  CHECK(msg.find("429 Too Many Requests") != std::string::npos);
}

TEST_CASE("an HTML page from a proxy where JSON was expected names the page") {
  IntegrationFixture f({ScriptedReply::html(200, "<html><head><title>Proxy authentication required</title></head></html>")});
  f.configure(Service::Confluence);
  const std::string msg = error_of([&] { f.t->integrations().confluence_spaces(); });
  CHECK(msg.find("answered with an HTML page") != std::string::npos);
  CHECK(msg.find("Proxy authentication required") != std::string::npos);
}

TEST_CASE("CQL search sends the query encoded in the URL") {
  IntegrationFixture f;
  const std::string base = f.root() + "/wiki";
  f.server.set_script({cf::search({{"1", "RCA payment"}}, base)});
  f.configure(Service::Confluence);
  auto pages = f.t->integrations().confluence_search("type=page AND title ~ \"payment\"");
  REQUIRE(pages.size() == 1);
  CHECK(pages[0].url == base + "/spaces/OPS/pages/1");
  CHECK(f.server.requests()[0].target ==
        "/wiki/rest/api/content/search?cql=type%3Dpage%20AND%20title%20~%20%22payment%22&limit=25");
}

TEST_CASE("nothing is published before the service is set up, and a wrong token is a 401 message") {
  IntegrationFixture f({ScriptedReply::json(401, R"({"message":"Unauthorized"})")});
  CHECK(error_of([&] { f.t->integrations().test(Service::Confluence); }).find("not set up yet") != std::string::npos);
  f.configure(Service::Confluence);
  CHECK(error_of([&] { f.t->integrations().test(Service::Confluence); }).find("refused the credentials (HTTP 401)") !=
        std::string::npos);
}

TEST_CASE("a credential is forgotten when the site, the sign-in kind or the user changes, kept otherwise") {
  IntegrationFixture f;
  f.configure(Service::Confluence);
  auto has_credential = [&] { return f.t->integrations().statuses()[0].has_credential; };
  REQUIRE(has_credential());
  IntegrationSettings s = f.t->integrations().settings(Service::Confluence);
  s.space_key = "INFRA";  // same site, same user
  f.t->integrations().configure(s);
  CHECK(has_credential());
  s.base_url = "http://localhost:1/wiki";  // another host: the token must not follow
  f.t->integrations().configure(s);
  CHECK_FALSE(has_credential());
}
