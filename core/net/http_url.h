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

// Where a URL points, for people: "api.openai.com", "127.0.0.1:11434" (the port only when it is
// not the scheme's default). Never throws: a URL that does not parse is returned as it is.
std::string display_host(std::string_view url);

}  // namespace tftsr::net
