#pragma once
// The one-shot loopback listener of a native app's OAuth sign-in (RFC 8252 §7.3): bound to
// 127.0.0.1 on an ephemeral (or the configured) port before the browser opens, it accepts the
// redirect that carries the expected `state`, answers the browser with a short page, and closes.
// Requests for anything else (a favicon) get a 404 and are not counted.
#include <chrono>
#include <functional>
#include <string>

namespace tftsr::integrations {

class OAuthRedirectListener {
 public:
  // Error(Io) when the port cannot be bound.
  explicit OAuthRedirectListener(int port = 0);
  ~OAuthRedirectListener();
  OAuthRedirectListener(const OAuthRedirectListener&) = delete;
  OAuthRedirectListener& operator=(const OAuthRedirectListener&) = delete;

  int port() const { return port_; }
  std::string redirect_uri() const;  // http://127.0.0.1:PORT/callback

  // Waits for the redirect; returns the authorization code. Throws Error(InvalidInput) for a
  // denied consent or an error from the server, Error(InvalidInput) for a state that does not
  // match (the answer is refused, nothing exchanged), Error(Network) on timeout, and
  // Error(Cancelled) when `cancelled` says so.
  std::string wait_for_code(const std::string& expected_state, std::chrono::milliseconds timeout,
                            const std::function<bool()>& cancelled = {});

 private:
  int fd_ = -1;
  int port_ = 0;
};

}  // namespace tftsr::integrations
