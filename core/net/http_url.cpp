#include "core/net/http_url.h"

#include <curl/curl.h>

#include <memory>

#include "core/net/network_error.h"

namespace tftsr::net {

namespace {
struct UrlDeleter {
  void operator()(CURLU* u) const { curl_url_cleanup(u); }
};
struct TextDeleter {
  void operator()(char* p) const { curl_free(p); }
};

std::string part(CURLU* u, CURLUPart which, unsigned flags = 0) {
  char* raw = nullptr;
  if (curl_url_get(u, which, &raw, flags) != CURLUE_OK || !raw) return {};
  std::unique_ptr<char, TextDeleter> held(raw);
  return raw;
}
}  // namespace

HttpUrl parse_http_url(std::string_view url) {
  const std::string text(url);
  auto invalid = [&](const std::string& why) {
    return NetworkError(NetworkFailure::InvalidUrl, "\"" + text + "\" is not a usable URL: " + why);
  };
  if (text.find("://") == std::string::npos) throw invalid("it needs a scheme (https:// or http://)");
  std::unique_ptr<CURLU, UrlDeleter> u(curl_url());
  if (!u) throw NetworkError(NetworkFailure::InvalidUrl, "out of memory while reading a URL");
  if (curl_url_set(u.get(), CURLUPART_URL, text.c_str(), 0) != CURLUE_OK) throw invalid("it cannot be parsed");
  HttpUrl out;
  out.scheme = part(u.get(), CURLUPART_SCHEME);
  if (out.scheme != "http" && out.scheme != "https") throw invalid("only http and https are supported");
  out.host = part(u.get(), CURLUPART_HOST);
  if (out.host.empty()) throw invalid("it names no host");
  const std::string port = part(u.get(), CURLUPART_PORT, CURLU_DEFAULT_PORT);
  out.port = port.empty() ? 0 : std::stoi(port);
  out.path = part(u.get(), CURLUPART_PATH);
  return out;
}

std::string display_host(std::string_view url) {
  try {
    const HttpUrl u = parse_http_url(url);
    const int usual = u.scheme == "https" ? 443 : 80;
    if (u.port == 0 || u.port == usual) return u.host;
    std::string out = u.host;
    out += ':';
    out += std::to_string(u.port);
    return out;
  } catch (const Error&) {
    return std::string(url);
  }
}

}  // namespace tftsr::net
