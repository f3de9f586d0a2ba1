#include <doctest/doctest.h>

#include <thread>

#include "core/crypto/sha256.h"
#include "core/error.h"
#include "core/integrations/pkce.h"
#include "tests/fakes/confluence_fake.h"
#include "tests/fakes/oauth_fake.h"
#include "tests/support/second_connection.h"
#include "tests/unit/integrations/integration_fixture.h"

using namespace tftsr;
using namespace tftsr::integrations;
using namespace tftsr::test;
namespace cf = tftsr::test::confluence_fake;
namespace of = tftsr::test::oauth_fake;
using namespace std::chrono_literals;

namespace {
struct OAuthFixture : IntegrationFixture {
  LoopbackHttpServer auth;
  explicit OAuthFixture(std::vector<ScriptedReply> token_script) : auth(std::move(token_script)) {
    IntegrationSettings s;
    s.service = Service::Confluence;
    s.base_url = root() + "/wiki";
    s.auth = AuthKind::OAuth;
    s.oauth = {"tftsr-test-client", "https://auth.example/authorize", auth.url("/oauth/token"),
               "read:confluence-content.all offline_access", 0};
    t->integrations().configure(s);
  }
  void sign_in(of::FakeBrowser& browser, std::chrono::milliseconds timeout = 10s) {
    t->integrations().sign_in(Service::Confluence, [&](const std::string& url) { browser.open(url); }, timeout);
  }
};

}  // namespace

TEST_CASE("OAuth end to end: PKCE S256, the state checked, the code exchanged once, the token used") {
  OAuthFixture f({of::tokens("access-1", "refresh-1")});
  of::FakeBrowser browser;
  f.sign_in(browser);
  CHECK(browser.page().find("You can close this tab") != std::string::npos);

  auto q = of::query_of(browser.authorization_url());
  CHECK(q["code_challenge_method"] == "S256");
  CHECK(q["client_id"] == "tftsr-test-client");
  CHECK(q["state"].size() == 43);
  auto token_reqs = f.auth.requests();
  REQUIRE(token_reqs.size() == 1);  // the code went to the token endpoint exactly once
  auto form = of::query_of("?" + token_reqs[0].body);
  CHECK(form["grant_type"] == "authorization_code");
  CHECK(form["code"] == "auth-code-1");
  CHECK(form["redirect_uri"] == q["redirect_uri"]);
  CHECK(pkce_challenge(form["code_verifier"]) == q["code_challenge"]);
  CHECK(token_reqs[0].header("Content-Type") == "application/x-www-form-urlencoded");

  Database db = second_connection(*f.t, "pw");
  auto st = db.prepare("SELECT token_hash, encrypted_token, encrypted_refresh_token, expires_at FROM credentials");
  REQUIRE(st.step());
  CHECK(st.text(0) == sha256_hex("access-1"));
  CHECK(st.text(1).find("access-1") == std::string::npos);
  CHECK(st.text(2).find("refresh-1") == std::string::npos);
  CHECK_FALSE(st.is_null(3));

  f.server.set_script({cf::spaces({{"OPS", "Operations"}}, "")});
  f.t->integrations().test(Service::Confluence);
  CHECK(f.server.requests()[0].header("Authorization") == "Bearer access-1");
}

TEST_CASE("a redirect with another state is refused and no code is exchanged") {
  OAuthFixture f({of::tokens("access-1", "refresh-1")});
  of::FakeBrowser browser(of::FakeBrowser::Answer::WrongState);
  const std::string msg = error_of([&] { f.sign_in(browser); });
  CHECK(msg.find("state that does not match") != std::string::npos);
  CHECK(browser.page().find("400") != std::string::npos);
  CHECK(f.auth.requests().empty());
  CHECK(f.t->integrations().statuses()[0].has_credential == false);
}

TEST_CASE("a denied consent and a browser that never comes back give their own messages") {
  OAuthFixture f({of::tokens("access-1", "refresh-1")});
  of::FakeBrowser denied(of::FakeBrowser::Answer::Deny);
  CHECK(error_of([&] { f.sign_in(denied); }).find("consent was denied") != std::string::npos);
  CHECK(f.auth.requests().empty());
  const std::string timeout = error_of([&] {
    f.t->integrations().sign_in(Service::Confluence, [](const std::string&) {}, 300ms);
  });
  CHECK(timeout.find("no answer came back from the browser") != std::string::npos);
}

TEST_CASE("a 401 refreshes the token once, stores the new one and repeats the request") {
  OAuthFixture f({of::tokens("access-1", "refresh-1"), of::tokens("access-2", "refresh-2")});
  of::FakeBrowser browser;
  f.sign_in(browser);
  f.server.set_script({ScriptedReply::json(401, R"({"message":"token expired"})"), cf::spaces({{"OPS", "Ops"}}, "")});
  CHECK(f.t->integrations().confluence_spaces().size() == 1);
  auto reqs = f.server.requests();
  REQUIRE(reqs.size() == 2);
  CHECK(reqs[0].header("Authorization") == "Bearer access-1");
  CHECK(reqs[1].header("Authorization") == "Bearer access-2");
  auto form = of::query_of("?" + f.auth.requests().at(1).body);
  CHECK(form["grant_type"] == "refresh_token");
  CHECK(form["refresh_token"] == "refresh-1");
}

TEST_CASE("a token about to expire is refreshed before the request") {
  OAuthFixture f({of::tokens("access-1", "refresh-1", 30), of::tokens("access-2", "refresh-2", 3600)});
  of::FakeBrowser browser;
  f.sign_in(browser);
  f.server.set_script({cf::spaces({{"OPS", "Ops"}}, "")});
  f.t->integrations().confluence_spaces();
  CHECK(f.auth.requests().size() == 2);
  CHECK(f.server.requests().at(0).header("Authorization") == "Bearer access-2");
}

TEST_CASE("two requests racing past an expiring token refresh once: the second takes the new token") {
  // The token endpoint answers the refresh slowly; a second use of refresh-1 would be refused,
  // as servers that rotate refresh tokens do.
  auto slow = of::tokens("access-2", "refresh-2", 3600);
  slow.pieces.front().delay_ms = 400;
  OAuthFixture f({of::tokens("access-1", "refresh-1", 30), slow, of::invalid_grant()});
  of::FakeBrowser browser;
  f.sign_in(browser);
  f.server.set_script({cf::spaces({{"OPS", "Ops"}}, "")});
  std::string first_error;
  std::thread first([&] {
    try {
      f.t->integrations().confluence_spaces();
    } catch (const std::exception& e) {
      first_error = e.what();
    }
  });
  const auto until = std::chrono::steady_clock::now() + 5s;
  while (f.auth.requests().size() < 2 && std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(5ms);
  REQUIRE(f.auth.requests().size() == 2);  // the first refresh is on its way
  const std::string second_error = error_of([&] { f.t->integrations().confluence_spaces(); });
  first.join();
  CHECK(first_error.empty());
  CHECK(second_error == "no error");
  CHECK(f.auth.requests().size() == 2);  // one sign-in, one refresh
  for (const auto& r : f.server.requests()) CHECK(r.header("Authorization") == "Bearer access-2");
}

TEST_CASE("an expired token without a refresh token asks to sign in again, and nothing is sent") {
  OAuthFixture f({of::access_only("access-1", 10)});
  of::FakeBrowser browser;
  f.sign_in(browser);
  const std::string msg = error_of([&] { f.t->integrations().confluence_spaces(); });
  CHECK(msg.find("expired") != std::string::npos);
  CHECK(msg.find("no refresh token") != std::string::npos);
  CHECK(f.server.requests().empty());
}

TEST_CASE("OAuth settings without a client id or endpoint are refused") {
  IntegrationFixture f;
  IntegrationSettings s;
  s.service = Service::ServiceNow;
  s.base_url = f.root();
  s.auth = AuthKind::OAuth;
  CHECK(error_of([&] { f.t->integrations().configure(s); }).find("client id") != std::string::npos);
  s.oauth.client_id = "c";
  s.oauth.authorize_url = "auth.example/authorize";
  CHECK(error_of([&] { f.t->integrations().configure(s); }).find("authorization endpoint") != std::string::npos);
}

TEST_CASE("after a passphrase change the refresh token still opens and refreshes the access token") {
  OAuthFixture f({of::tokens("access-1", "refresh-1"), of::tokens("access-2", "refresh-2")});
  of::FakeBrowser browser;
  f.sign_in(browser);
  f.t->change_passphrase("a new passphrase");
  f.t.reset();
  f.t = Triage::open(f.dir / "data", "a new passphrase");
  f.server.set_script({ScriptedReply::json(401, R"({"message":"token expired"})"), cf::spaces({{"OPS", "Ops"}}, "")});
  CHECK(f.t->integrations().confluence_spaces().size() == 1);
  REQUIRE(f.auth.requests().size() == 2);
  CHECK(of::query_of("?" + f.auth.requests().at(1).body)["refresh_token"] == "refresh-1");
  CHECK(f.server.requests().at(1).header("Authorization") == "Bearer access-2");
}
