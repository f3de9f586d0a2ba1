#pragma once
// The parts of an http(s) URL that messages and the audit name. Only the host goes into the
// audit: a query string may carry a key.
#include <string>
#include <string_view>

namespace tftsr::net {

struct HttpUrl {
  std::string scheme;  // "http" or "https"
  std::string host;    // without port
  int port = 0;        // as written, or the scheme's default
  std::string path;    // "/v1/chat/completions"; never the query
};

// Throws NetworkError(InvalidUrl) for anything that is not an absolute http(s) URL with a host.
HttpUrl parse_http_url(std::string_view url);

}  // namespace tftsr::net
