#include "tests/fakes/loopback_http_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <stdexcept>

namespace tftsr::test {

namespace {
using Clock = std::chrono::steady_clock;

bool send_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

std::string reason(int status) {
  switch (status) {
    case 200: return "OK";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 529: return "Overloaded";
    default: return "Status";
  }
}

std::string hex(std::size_t n) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%zx", n);
  return buf;
}

bool same_name(std::string_view a, std::string_view b) {
  return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}
}  // namespace

std::string url_decoded(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += s[i] == '+' ? ' ' : s[i];
    }
  }
  return out;
}

std::optional<std::string> RecordedRequest::header(std::string_view name) const {
  for (const auto& [n, v] : headers)
    if (same_name(n, name)) return v;
  return std::nullopt;
}

ScriptedReply ScriptedReply::fixed(int status, std::string content_type, std::string body) {
  ScriptedReply r;
  r.status = status;
  r.headers = {{"Content-Type", std::move(content_type)}};
  r.pieces = {{0, std::move(body)}};
  return r;
}

ScriptedReply ScriptedReply::json(int status, std::string body) {
  return fixed(status, "application/json", std::move(body));
}

ScriptedReply ScriptedReply::html(int status, std::string body) {
  return fixed(status, "text/html; charset=utf-8", std::move(body));
}

ScriptedReply ScriptedReply::streamed(std::vector<BodyPiece> pieces, std::string content_type) {
  ScriptedReply r;
  r.headers = {{"Content-Type", std::move(content_type)}};
  r.pieces = std::move(pieces);
  r.framing = Framing::Chunked;
  return r;
}

ScriptedReply ScriptedReply::stall_after(std::vector<BodyPiece> pieces) {
  ScriptedReply r = streamed(std::move(pieces));
  r.ending = Ending::Stall;
  return r;
}

ScriptedReply ScriptedReply::close_after(std::vector<BodyPiece> pieces) {
  ScriptedReply r = streamed(std::move(pieces));
  r.ending = Ending::Close;
  return r;
}

ScriptedReply ScriptedReply::too_many_requests(std::string header_name, std::string header_value) {
  return json(429, R"({"error":{"type":"rate_limit_error","message":"slow down"}})")
      .with_header(std::move(header_name), std::move(header_value));
}

ScriptedReply ScriptedReply::overloaded() {
  return json(529, R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})");
}

ScriptedReply& ScriptedReply::with_header(std::string name, std::string value) {
  headers.emplace_back(std::move(name), std::move(value));
  return *this;
}

LoopbackHttpServer::LoopbackHttpServer(std::vector<ScriptedReply> script) : script_(std::move(script)) {
  if (::pipe(wake_) != 0) throw std::runtime_error("pipe failed");
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listen_fd_ < 0) throw std::runtime_error("socket failed");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(listen_fd_, 16) != 0 ||
      ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
    throw std::runtime_error("could not listen on 127.0.0.1");
  port_ = ntohs(addr.sin_port);
  thread_ = std::thread([this] { serve(); });
}

LoopbackHttpServer::~LoopbackHttpServer() { stop(); }

void LoopbackHttpServer::stop() {
  if (stopped_) return;
  stopped_ = true;
  char b = 1;
  [[maybe_unused]] auto n = ::write(wake_[1], &b, 1);
  if (thread_.joinable()) thread_.join();
  ::close(listen_fd_);
  ::close(wake_[0]);
  ::close(wake_[1]);
}

std::string LoopbackHttpServer::url(std::string_view path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + std::string(path);
}

void LoopbackHttpServer::set_script(std::vector<ScriptedReply> script) {
  std::lock_guard<std::mutex> lock(mutex_);
  script_ = std::move(script);
  next_ = 0;
}

std::vector<RecordedRequest> LoopbackHttpServer::requests() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return requests_;
}

ScriptedReply LoopbackHttpServer::next_reply() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (script_.empty()) return ScriptedReply::json(200, "{}");
  ScriptedReply r = script_[std::min(next_, script_.size() - 1)];
  ++next_;
  return r;
}

bool LoopbackHttpServer::wait(int client, int timeout_ms) {
  // Waits for the timeout, or until the server stops (false) or the client hangs up (false).
  const auto until = Clock::now() + std::chrono::milliseconds(timeout_ms);
  for (;;) {
    int left = timeout_ms < 0 ? -1
                              : static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                                     until - Clock::now())
                                                     .count());
    if (timeout_ms >= 0 && left <= 0) return true;
    pollfd fds[2] = {{wake_[0], POLLIN, 0}, {client, POLLIN, 0}};
    if (::poll(fds, 2, left) < 0) return false;
    if (fds[0].revents) return false;
    if (fds[1].revents) {
      char b[256];
      if (::recv(client, b, sizeof b, 0) <= 0) return false;  // hung up (extra bytes are ignored)
    }
  }
}

void LoopbackHttpServer::serve() {
  for (;;) {
    pollfd fds[2] = {{wake_[0], POLLIN, 0}, {listen_fd_, POLLIN, 0}};
    if (::poll(fds, 2, -1) < 0 || fds[0].revents) return;
    int client = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0) continue;
    ++connections_;
    handle(client);
    ::close(client);
  }
}

void LoopbackHttpServer::handle(int client) {
  // Read the head, then a Content-Length body.
  std::string in;
  std::size_t head_end;
  auto read_more = [&]() {
    pollfd fds[2] = {{wake_[0], POLLIN, 0}, {client, POLLIN, 0}};
    if (::poll(fds, 2, 10000) <= 0 || fds[0].revents) return false;
    char buf[65536];
    ssize_t n = ::recv(client, buf, sizeof buf, 0);
    if (n <= 0) return false;
    in.append(buf, static_cast<std::size_t>(n));
    return true;
  };
  while ((head_end = in.find("\r\n\r\n")) == std::string::npos)
    if (!read_more()) return;
  RecordedRequest req;
  std::string_view head(in.data(), head_end);
  auto line_end = head.find("\r\n");
  std::string_view first = head.substr(0, line_end);
  auto sp1 = first.find(' '), sp2 = first.rfind(' ');
  req.method = std::string(first.substr(0, sp1));
  req.target = std::string(first.substr(sp1 + 1, sp2 - sp1 - 1));
  std::size_t content_length = 0;
  for (std::size_t at = line_end; at != std::string_view::npos && at < head.size();) {
    std::size_t start = at + 2, end = head.find("\r\n", start);
    std::string_view line = head.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    auto colon = line.find(':');
    if (colon != std::string_view::npos) {
      std::string_view value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
      req.headers.emplace_back(std::string(line.substr(0, colon)), std::string(value));
      if (same_name(line.substr(0, colon), "content-length")) content_length = std::stoull(std::string(value));
    }
    at = end;
  }
  const std::size_t body_start = head_end + 4;
  while (in.size() < body_start + content_length)
    if (!read_more()) return;
  req.body = in.substr(body_start, content_length);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    requests_.push_back(req);
  }

  const ScriptedReply r = next_reply();
  std::string out = "HTTP/1.1 " + std::to_string(r.status) + " " + reason(r.status) + "\r\n";
  for (const auto& [n, v] : r.headers) out += n + ": " + v + "\r\n";
  out += "Connection: close\r\n";
  if (r.framing == ScriptedReply::Framing::Chunked) {
    out += "Transfer-Encoding: chunked\r\n";
  } else {
    std::size_t total = 0;
    for (const auto& p : r.pieces) total += p.bytes.size();
    if (r.ending == ScriptedReply::Ending::Close) total += 1000;  // promises more than it sends
    out += "Content-Length: " + std::to_string(total) + "\r\n";
  }
  out += "\r\n";
  if (!send_all(client, out)) return;
  for (const auto& p : r.pieces) {
    if (p.delay_ms > 0 && !wait(client, p.delay_ms)) return;
    if (p.bytes.empty()) continue;
    const std::string bytes = r.framing == ScriptedReply::Framing::Chunked
                                  ? hex(p.bytes.size()) + "\r\n" + p.bytes + "\r\n"
                                  : p.bytes;
    if (!send_all(client, bytes)) return;
  }
  switch (r.ending) {
    case ScriptedReply::Ending::Complete:
      if (r.framing == ScriptedReply::Framing::Chunked) send_all(client, "0\r\n\r\n");
      ::shutdown(client, SHUT_WR);
      wait(client, 2000);  // let the client read to the end and hang up first
      break;
    case ScriptedReply::Ending::Stall:
      wait(client, -1);
      break;
    case ScriptedReply::Ending::Close:
      break;
  }
}

}  // namespace tftsr::test
