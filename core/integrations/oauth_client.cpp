#include "core/integrations/oauth_client.h"

#include <spawn.h>
#include <sys/wait.h>

#include <algorithm>
#include <thread>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/integrations/base_url.h"
#include "core/integrations/oauth_redirect_listener.h"
#include "core/integrations/pkce.h"
#include "core/net/http_url.h"
#include "core/net/network_error.h"
#include "core/net/response_checks.h"

extern char** environ;

namespace tftsr::integrations {

void open_in_system_browser(const std::string& url) {
  const char* argv[] = {"xdg-open", url.c_str(), nullptr};
  pid_t pid = 0;
  if (posix_spawnp(&pid, "xdg-open", nullptr, nullptr, const_cast<char* const*>(argv), environ) != 0)
    throw Error(ErrorKind::Io, "cannot start xdg-open to open the browser; open this address yourself: " + url);
  // xdg-open usually hands the URL over and returns at once, but may run a browser in the
  // foreground: never wait for it, so that the redirect listener is ready. A SIGCHLD handler is
  // not ours to set, so the exited child is reaped by a detached thread.
  std::thread([pid] {
    int status = 0;
    ::waitpid(pid, &status, 0);
  }).detach();
}

void check_oauth_settings(Service service, const OAuthSettings& s) {
  const std::string who = std::string(service_name(service)) + " OAuth: ";
  if (s.client_id.empty()) throw Error(ErrorKind::InvalidInput, who + "the client id of the registered app is not set");
  for (const auto* u : {&s.authorize_url, &s.token_url}) {
    const char* what = u == &s.authorize_url ? "authorization endpoint" : "token endpoint";
    if (u->empty()) throw Error(ErrorKind::InvalidInput, who + "the " + std::string(what) + " is not set");
    net::HttpUrl url;
    try {
      url = net::parse_http_url(*u);
    } catch (const Error&) {
      throw Error(ErrorKind::InvalidInput, who + "the " + std::string(what) + " \"" + *u + "\" is not an http(s) URL");
    }
    // The code, the verifier and the tokens cross here: never in the clear beyond this machine.
    if (url.scheme != "https" && !is_loopback_host(url.host))
      throw Error(ErrorKind::InvalidInput, who + "the " + std::string(what) + " \"" + *u + "\" must use https");
  }
  if (s.redirect_port < 0 || s.redirect_port > 65535)
    throw Error(ErrorKind::InvalidInput, who + "the redirect port must be between 0 (any) and 65535");
}

std::string authorization_url(const OAuthSettings& s, const std::string& redirect_uri, const std::string& state,
                              const std::string& challenge) {
  std::string url = s.authorize_url + (s.authorize_url.find('?') == std::string::npos ? "?" : "&");
  url += "response_type=code&client_id=" + url_encode(s.client_id) + "&redirect_uri=" + url_encode(redirect_uri);
  if (!s.scope.empty()) url += "&scope=" + url_encode(s.scope);
  url += "&state=" + url_encode(state) + "&code_challenge=" + url_encode(challenge) + "&code_challenge_method=S256";
  return url;
}

OAuthTokens OAuthClient::sign_in(const BrowserOpener& open, std::chrono::milliseconds timeout,
                                 const net::CancelCheck& cancelled) {
  check_oauth_settings(service_, s_);
  if (!open) throw Error(ErrorKind::Internal, "the sign-in needs a way to open the browser");
  OAuthRedirectListener listener(s_.redirect_port);  // bound before the browser is sent there
  const PkcePair pkce = make_pkce();
  const std::string state = make_oauth_state();
  open(authorization_url(s_, listener.redirect_uri(), state, pkce.challenge));
  const std::string code = listener.wait_for_code(state, timeout, cancelled);
  return exchange(code, pkce.verifier, listener.redirect_uri(), cancelled);
}

OAuthTokens OAuthClient::exchange(const std::string& code, const std::string& verifier,
                                  const std::string& redirect_uri, const net::CancelCheck& cancelled) {
  return token_request("oauth_exchange", "grant_type=authorization_code&code=" + url_encode(code) +
                                             "&redirect_uri=" + url_encode(redirect_uri) +
                                             "&client_id=" + url_encode(s_.client_id) +
                                             "&code_verifier=" + url_encode(verifier),
                       cancelled);
}

OAuthTokens OAuthClient::refresh(const std::string& refresh_token, const net::CancelCheck& cancelled) {
  return token_request("oauth_refresh", "grant_type=refresh_token&refresh_token=" + url_encode(refresh_token) +
                                            "&client_id=" + url_encode(s_.client_id),
                       cancelled);
}

OAuthTokens OAuthClient::token_request(const std::string& operation, const std::string& form,
                                       const net::CancelCheck& cancelled) {
  check_oauth_settings(service_, s_);
  net::OutboundRequest req;
  req.target.action = std::string(service_id(service_)) + "_" + operation;
  req.target.service = std::string(service_id(service_));
  req.target.url = s_.token_url;
  req.headers.add("Content-Type", "application/x-www-form-urlencoded");
  req.headers.add("Accept", "application/json");
  // The form carries credentials only, no user text: nothing to scan, but its hash is audited.
  req.build_body = [&form](const std::vector<net::ClearedPart>&) { return form; };
  req.options.max_retries = 1;
  req.options.repeatable = false;  // a code is used once; a refresh token may rotate on first use
  req.cancelled = cancelled;
  const std::string who = std::string(service_name(service_)) + " sign-in";
  net::SendResult r;
  try {
    r = gate_.send(req);
  } catch (const net::NetworkError& e) {
    if (e.http_status() == 400 || e.http_status() == 401)
      throw net::NetworkError(
          net::NetworkFailure::Unauthorized,
          who + ": the token endpoint refused the " +
              (operation == "oauth_refresh" ? std::string("refresh token (it expired or was revoked): sign in again")
                                            : std::string("authorization code")) +
              " — " + e.what(),
          e.http_status());
    throw;
  }
  net::expect_json(r.response, who);
  nlohmann::json j = nlohmann::json::parse(r.response.body, nullptr, false);
  if (!j.is_object() || !j.contains("access_token") || !j["access_token"].is_string())
    throw net::NetworkError(net::NetworkFailure::UnexpectedContent, who + ": the token endpoint gave no access_token");
  OAuthTokens t;
  t.access_token = j["access_token"].get<std::string>();
  if (j.contains("refresh_token") && j["refresh_token"].is_string()) t.refresh_token = j["refresh_token"].get<std::string>();
  if (j.contains("expires_in") && j["expires_in"].is_number_integer()) t.expires_in = j["expires_in"].get<std::int64_t>();
  else if (j.contains("expires_in") && j["expires_in"].is_string())
    try {
      t.expires_in = std::stoll(j["expires_in"].get<std::string>());  // some servers send it as text
    } catch (const std::exception&) {
    }
  // The server's number: kept within [0 s, 10 years] so that the expiry time cannot overflow.
  if (t.expires_in) t.expires_in = std::clamp<std::int64_t>(*t.expires_in, 0, std::int64_t{10} * 366 * 24 * 3600);
  return t;
}

}  // namespace tftsr::integrations
