#pragma once
// OAuth 2.0 authorization code with PKCE for a native app (RFC 6749, 7636, 8252): the
// authorization URL, the system browser, the loopback redirect, and the token endpoint (code
// exchange and refresh), which is reached through the outbound gate like every other request.
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "core/integrations/integration_model.h"
#include "core/net/outbound_gate.h"

namespace tftsr::integrations {

struct OAuthTokens {
  std::string access_token;
  std::optional<std::string> refresh_token;
  std::optional<std::int64_t> expires_in;  // seconds
};

// Opens a URL in the user's browser. Injectable so that tests can follow the redirect themselves.
using BrowserOpener = std::function<void(const std::string& url)>;
// xdg-open, detached; Error(Io) when it cannot be started.
void open_in_system_browser(const std::string& url);

// Error(InvalidInput) when the client id or an endpoint is missing or not an http(s) URL.
void check_oauth_settings(Service service, const OAuthSettings& s);

std::string authorization_url(const OAuthSettings& s, const std::string& redirect_uri, const std::string& state,
                              const std::string& challenge);

class OAuthClient {
 public:
  OAuthClient(net::OutboundGate& gate, Service service, OAuthSettings settings)
      : gate_(gate), service_(service), s_(std::move(settings)) {}

  // The whole flow: listener, browser, redirect (state checked), code exchanged once.
  OAuthTokens sign_in(const BrowserOpener& open, std::chrono::milliseconds timeout,
                      const net::CancelCheck& cancelled = {});
  OAuthTokens exchange(const std::string& code, const std::string& verifier, const std::string& redirect_uri,
                       const net::CancelCheck& cancelled = {});
  OAuthTokens refresh(const std::string& refresh_token, const net::CancelCheck& cancelled = {});

 private:
  OAuthTokens token_request(const std::string& operation, const std::string& form, const net::CancelCheck& cancelled);

  net::OutboundGate& gate_;
  Service service_;
  OAuthSettings s_;
};

}  // namespace tftsr::integrations
