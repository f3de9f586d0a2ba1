#include "tests/fakes/oauth_fake.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <string>

#include <nlohmann/json.hpp>

namespace tftsr::test::oauth_fake {

namespace {
using nlohmann::json;

std::string encode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') out += static_cast<char>(c);
    else out += std::string("%") + hex[c >> 4] + hex[c & 15];
  }
  return out;
}

// GET `target` from 127.0.0.1:port; the whole reply as it came.
std::string http_get(int port, const std::string& target) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    ::close(fd);
    return "connect failed";
  }
  const std::string req = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
                          "\r\nUser-Agent: FakeBrowser\r\nAccept: text/html\r\n\r\n";
  ::send(fd, req.data(), req.size(), MSG_NOSIGNAL);
  std::string reply;
  char buf[4096];
  for (ssize_t n; (n = ::recv(fd, buf, sizeof buf, 0)) > 0;) reply.append(buf, static_cast<std::size_t>(n));
  ::close(fd);
  return reply;
}
}  // namespace

ScriptedReply tokens(const std::string& access_token, const std::string& refresh_token, int expires_in) {
  return ScriptedReply::json(200, json{{"access_token", access_token},
                                       {"token_type", "Bearer"},
                                       {"expires_in", expires_in},
                                       {"refresh_token", refresh_token},
                                       {"scope", "read write"}}
                                      .dump())
      .with_header("Cache-Control", "no-store");
}

ScriptedReply access_only(const std::string& access_token, int expires_in) {
  return ScriptedReply::json(
      200, json{{"access_token", access_token}, {"token_type", "Bearer"}, {"expires_in", expires_in}}.dump());
}

ScriptedReply invalid_grant() {
  return ScriptedReply::json(
      400, json{{"error", "invalid_grant"}, {"error_description", "The authorization code is invalid or expired."}}
               .dump());
}

std::map<std::string, std::string> query_of(const std::string& url) {
  std::map<std::string, std::string> out;
  const auto q = url.find('?');
  if (q == std::string::npos) return out;
  std::size_t at = q + 1;
  while (at <= url.size()) {
    auto amp = url.find('&', at);
    if (amp == std::string::npos) amp = url.size();
    const std::string pair = url.substr(at, amp - at);
    const auto eq = pair.find('=');
    out[url_decoded(pair.substr(0, eq))] = eq == std::string::npos ? "" : url_decoded(pair.substr(eq + 1));
    at = amp + 1;
  }
  return out;
}

FakeBrowser::~FakeBrowser() {
  if (thread_.joinable()) thread_.join();
}

void FakeBrowser::open(const std::string& authorization_url) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    url_ = authorization_url;
  }
  auto q = query_of(authorization_url);
  const std::string redirect = q["redirect_uri"];
  // http://127.0.0.1:PORT/callback
  const auto colon = redirect.rfind(':');
  const auto slash = redirect.find('/', colon);
  const int port = std::stoi(redirect.substr(colon + 1, slash - colon - 1));
  const std::string path = redirect.substr(slash);
  std::string target = "/favicon.ico";  // browsers ask for it too: the listener must not count it
  std::string query;
  switch (answer_) {
    case Answer::Consent: query = "code=" + encode(code_) + "&state=" + encode(q["state"]); break;
    case Answer::Deny:
      query = "error=access_denied&error_description=" + encode("The user denied access") + "&state=" + encode(q["state"]);
      break;
    case Answer::WrongState: query = "code=" + encode(code_) + "&state=forged-state"; break;
  }
  thread_ = std::thread([this, port, target, path, query] {
    http_get(port, target);
    std::string reply = http_get(port, path + "?" + query);
    std::lock_guard<std::mutex> lock(mutex_);
    page_ = std::move(reply);
  });
}

std::string FakeBrowser::page() {
  if (thread_.joinable()) thread_.join();
  std::lock_guard<std::mutex> lock(mutex_);
  return page_;
}

std::string FakeBrowser::authorization_url() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return url_;
}

}  // namespace tftsr::test::oauth_fake
