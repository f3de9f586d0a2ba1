#pragma once
// Plain values of one HTTP exchange, shared by the client and the gate.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tftsr::net {

// Header fields in the order given; names compare without ASCII case, as HTTP says.
class HttpHeaders {
 public:
  HttpHeaders() = default;
  HttpHeaders(std::initializer_list<std::pair<std::string, std::string>> fields) : fields_(fields) {}
  void add(std::string name, std::string value) { fields_.emplace_back(std::move(name), std::move(value)); }
  // The first field with this name, if any.
  std::optional<std::string> get(std::string_view name) const;
  const std::vector<std::pair<std::string, std::string>>& fields() const { return fields_; }
  bool empty() const { return fields_.empty(); }

 private:
  std::vector<std::pair<std::string, std::string>> fields_;
};

struct HttpRequest {
  std::string method = "POST";
  std::string url;
  HttpHeaders headers;
  std::string body;  // sent as it is, byte for byte
};

// Why a reply holds less than the server meant to send.
enum class CutOff {
  None,
  Cancelled,   // the caller's cancel flag was raised
  SinkStopped, // the streaming sink returned false
};

struct HttpResponse {
  int status = 0;
  HttpHeaders headers;
  std::string body;         // empty when streamed: the sink got the bytes
  std::int64_t body_bytes = 0;  // received, streamed or not
  CutOff cut_off = CutOff::None;
  int attempts = 1;         // 1 + the retries it took
  bool cut() const { return cut_off != CutOff::None; }
};

// Receives each chunk of a streamed reply as it arrives; false stops the transfer.
using ChunkSink = std::function<bool(std::string_view chunk)>;
// Polled while a request runs (and while it waits to retry); true ends it.
using CancelCheck = std::function<bool()>;

struct HttpOptions {
  int connect_timeout_ms = 15000;
  int idle_timeout_ms = 60000;   // no byte for this long once connected: IdleTimeout
  int max_retries = 4;           // on 408/409/429/5xx/529 and connection failures before the first byte
  int retry_base_ms = 500;       // back-off: base * 2^attempt, with jitter
  int retry_cap_ms = 60000;      // no single wait is longer, whatever Retry-After asks
  std::int64_t max_body_bytes = std::int64_t{50} << 20;
  int cancel_poll_ms = 25;       // how often the transfer loop wakes to look at the cancel flag
  // False for a request that creates something (a page, a ticket, a comment): it is then sent
  // again only when the server surely did not act on it (no connection, 408, 429, 503 with
  // Retry-After), since a server that failed after creating would otherwise get a duplicate.
  bool repeatable = true;
};

}  // namespace tftsr::net
