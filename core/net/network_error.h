#pragma once
// What went wrong on the way to a remote service, specific enough for the user to act on (check
// the key, the URL, the network, the proxy). Thrown as an Error of kind Network, so callers that
// only care about the kind keep working; callers that care ask failure().
#include <string>

#include "core/error.h"

namespace tftsr::net {

enum class NetworkFailure {
  Unreachable,        // connection refused, network down, no route
  Dns,                // the host name (or the proxy's) does not resolve
  Tls,                // handshake or certificate verification failed
  Timeout,            // no connection within the connect timeout
  IdleTimeout,        // connected, then no byte for the idle timeout
  ConnectionLost,     // the server closed the connection before the reply was complete
  Unauthorized,       // 401 or 403: the key or token is wrong
  NotFound,           // 404: wrong URL, endpoint or model name
  HttpStatus,         // any other status that is not a success
  UnexpectedContent,  // an HTML page (or other non-JSON) where JSON was expected
  TooLarge,           // the reply exceeded the body cap
  InvalidUrl,         // not an http(s) URL
};

class NetworkError : public Error {
 public:
  NetworkError(NetworkFailure failure, const std::string& message, int http_status = 0)
      : Error(ErrorKind::Network, message), failure_(failure), http_status_(http_status) {}
  NetworkFailure failure() const noexcept { return failure_; }
  int http_status() const noexcept { return http_status_; }  // 0 when no status was received

 private:
  NetworkFailure failure_;
  int http_status_;
};

}  // namespace tftsr::net
