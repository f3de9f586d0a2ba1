#include <doctest/doctest.h>

#include "core/integrations/oauth_client.h"
#include "core/integrations/pkce.h"
#include "tests/fakes/oauth_fake.h"

using namespace tftsr::integrations;

TEST_CASE("the S256 challenge matches RFC 7636 appendix B") {
  CHECK(pkce_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk") == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}

TEST_CASE("verifiers and states are 32 random bytes in base64url and differ each time") {
  PkcePair a = make_pkce(), b = make_pkce();
  CHECK(a.verifier.size() == 43);
  CHECK(a.verifier.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
        std::string::npos);
  CHECK(a.verifier != b.verifier);
  CHECK(a.challenge == pkce_challenge(a.verifier));
  CHECK(make_oauth_state() != make_oauth_state());
}

TEST_CASE("the authorization URL carries the client, redirect, scope, state and S256 challenge") {
  OAuthSettings s{"my-client", "https://auth.example/authorize?audience=api.atlassian.com", "https://auth.example/token",
                  "read:confluence-content.all offline_access", 0};
  auto q = tftsr::test::oauth_fake::query_of(authorization_url(s, "http://127.0.0.1:5000/callback", "st", "ch"));
  CHECK(q["audience"] == "api.atlassian.com");
  CHECK(q["response_type"] == "code");
  CHECK(q["client_id"] == "my-client");
  CHECK(q["redirect_uri"] == "http://127.0.0.1:5000/callback");
  CHECK(q["scope"] == "read:confluence-content.all offline_access");
  CHECK(q["state"] == "st");
  CHECK(q["code_challenge"] == "ch");
  CHECK(q["code_challenge_method"] == "S256");
}
