#include "core/integrations/oauth_redirect_listener.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <map>
#include <string>

#include "core/error.h"

namespace tftsr::integrations {

namespace {
using Clock = std::chrono::steady_clock;

std::string percent_decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
               std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::map<std::string, std::string> query_of(std::string_view target) {
  std::map<std::string, std::string> out;
  const auto q = target.find('?');
  if (q == std::string_view::npos) return out;
  std::string_view rest = target.substr(q + 1);
  while (!rest.empty()) {
    const auto amp = rest.find('&');
    std::string_view pair = rest.substr(0, amp);
    const auto eq = pair.find('=');
    out[percent_decode(pair.substr(0, eq))] = eq == std::string_view::npos ? "" : percent_decode(pair.substr(eq + 1));
    if (amp == std::string_view::npos) break;
    rest.remove_prefix(amp + 1);
  }
  return out;
}

void answer(int client, int status, const std::string& title, const std::string& text) {
  const std::string body = "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + title +
                           "</title></head><body style=\"font-family:sans-serif;margin:3em\"><h1>" + title +
                           "</h1><p>" + text + "</p></body></html>";
  const std::string reason = status == 200 ? "OK" : status == 404 ? "Not Found" : "Bad Request";
  const std::string head = "HTTP/1.1 " + std::to_string(status) + " " + reason +
                           "\r\nContent-Type: text/html; charset=utf-8\r\nCache-Control: no-store\r\nContent-Length: " +
                           std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n";
  const std::string all = head + body;
  std::size_t sent = 0;
  while (sent < all.size()) {
    const ssize_t n = ::send(client, all.data() + sent, all.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<std::size_t>(n);
  }
}

// The request line's target, read within `limit`; empty when the client sends nothing useful.
std::string read_target(int client, Clock::time_point limit) {
  std::string head;
  char buf[2048];
  while (head.find("\r\n\r\n") == std::string::npos && head.size() < 16384) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(limit - Clock::now()).count();
    if (left <= 0) return {};
    pollfd p{client, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(std::min<long long>(left, 1000))) <= 0) continue;
    const ssize_t n = ::recv(client, buf, sizeof buf, 0);
    if (n <= 0) break;
    head.append(buf, static_cast<std::size_t>(n));
  }
  const auto line_end = head.find("\r\n");
  const std::string line = head.substr(0, line_end);
  if (line.rfind("GET ", 0) != 0) return {};
  const auto sp = line.find(' ', 4);
  return line.substr(4, sp == std::string::npos ? std::string::npos : sp - 4);
}
}  // namespace

OAuthRedirectListener::OAuthRedirectListener(int port) {
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) throw Error(ErrorKind::Io, std::string("cannot open a socket for the sign-in: ") + std::strerror(errno));
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  if (::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || ::listen(fd_, 4) != 0) {
    const int err = errno;
    ::close(fd_);
    throw Error(ErrorKind::Io, "cannot listen on 127.0.0.1:" + std::to_string(port) +
                                   " for the sign-in redirect: " + std::strerror(err) +
                                   (port ? " (choose another redirect port, or 0 for any)" : ""));
  }
  socklen_t len = sizeof a;
  ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
  port_ = ntohs(a.sin_port);
}

OAuthRedirectListener::~OAuthRedirectListener() {
  if (fd_ >= 0) ::close(fd_);
}

std::string OAuthRedirectListener::redirect_uri() const {
  return "http://127.0.0.1:" + std::to_string(port_) + "/callback";
}

std::string OAuthRedirectListener::wait_for_code(const std::string& expected_state, std::chrono::milliseconds timeout,
                                                 const std::function<bool()>& cancelled) {
  const auto limit = Clock::now() + timeout;
  for (;;) {
    if (cancelled && cancelled()) throw Error(ErrorKind::Cancelled, "the sign-in was cancelled");
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(limit - Clock::now()).count();
    if (left <= 0)
      throw Error(ErrorKind::Network, "no answer came back from the browser within " +
                                          std::to_string(timeout.count() / 1000) +
                                          " s: finish the sign-in in the browser, or try again");
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(std::min<long long>(left, 100))) <= 0) continue;
    const int client = ::accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0) continue;
    const std::string target = read_target(client, std::min(limit, Clock::now() + std::chrono::seconds(5)));
    if (target.rfind("/callback", 0) != 0 || (target.size() > 9 && target[9] != '?')) {
      answer(client, 404, "Not found", "This address only receives the sign-in answer.");
      ::close(client);
      continue;
    }
    auto q = query_of(target);
    if (q["state"] != expected_state) {
      answer(client, 400, "Sign-in refused",
             "The answer did not belong to the sign-in TFTSR started. Start the sign-in again from TFTSR.");
      ::close(client);
      throw Error(ErrorKind::InvalidInput,
                  "the sign-in answer carried a state that does not match the one sent (a stale or forged "
                  "redirect); nothing was exchanged: start the sign-in again");
    }
    if (!q["error"].empty()) {
      const bool denied = q["error"] == "access_denied";
      answer(client, 200, denied ? "Sign-in declined" : "Sign-in failed", "You can close this tab and return to TFTSR.");
      ::close(client);
      const std::string said = q["error_description"].empty() ? q["error"] : q["error"] + ": " + q["error_description"];
      throw Error(ErrorKind::InvalidInput, denied ? "the consent was denied in the browser (" + said +
                                                        "): sign in again and allow the access TFTSR asks for"
                                                  : "the authorization server refused the sign-in (" + said + ")");
    }
    if (q["code"].empty()) {
      answer(client, 400, "Sign-in failed", "The answer had no authorization code. Start the sign-in again.");
      ::close(client);
      throw Error(ErrorKind::InvalidInput, "the sign-in answer had no authorization code");
    }
    answer(client, 200, "Signed in", "You can close this tab and return to TFTSR.");
    ::close(client);
    return q["code"];
  }
}

}  // namespace tftsr::integrations
