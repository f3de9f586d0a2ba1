#pragma once
// A small HTTP/1.1 server of our own for tests: listens on 127.0.0.1 on a free port, serves one
// connection at a time on its own thread, records every request exactly as it arrived, and
// answers from a script (a fixed reply, a body streamed in pieces with delays, a stall, a
// connection closed mid-body, an HTML page, 429 with Retry-After, 529). Each connection gets one
// reply and is closed. The script runs in order; the last reply repeats once it runs out.
#include <atomic>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace tftsr::test {

using HeaderFields = std::vector<std::pair<std::string, std::string>>;

struct RecordedRequest {
  std::string method;
  std::string target;  // path and query, as sent
  HeaderFields headers;
  std::string body;    // the exact bytes
  std::optional<std::string> header(std::string_view name) const;  // ignoring case
};

struct BodyPiece {
  int delay_ms = 0;  // before this piece is written
  std::string bytes;
};

struct ScriptedReply {
  enum class Framing { ContentLength, Chunked };
  enum class Ending {
    Complete,  // every piece, then the end of the body
    Stall,     // every piece, then nothing until the client gives up or the server stops
    Close,     // every piece, then the connection closes without ending the body
  };
  int status = 200;
  HeaderFields headers;
  std::vector<BodyPiece> pieces;
  Framing framing = Framing::ContentLength;
  Ending ending = Ending::Complete;

  static ScriptedReply fixed(int status, std::string content_type, std::string body);
  static ScriptedReply json(int status, std::string body);
  static ScriptedReply html(int status, std::string body);
  // 200, chunked transfer encoding, one chunk per piece.
  static ScriptedReply streamed(std::vector<BodyPiece> pieces, std::string content_type = "text/event-stream");
  // 200, chunked: the pieces, then silence.
  static ScriptedReply stall_after(std::vector<BodyPiece> pieces);
  // 200, chunked: the pieces, then the connection closes mid-body.
  static ScriptedReply close_after(std::vector<BodyPiece> pieces);
  // 429 with the given header ("Retry-After: 1", "retry-after-ms: 300").
  static ScriptedReply too_many_requests(std::string header_name, std::string header_value);
  // 529, Anthropic's "overloaded".
  static ScriptedReply overloaded();
  ScriptedReply& with_header(std::string name, std::string value);
};

// A recorded target or form body with its %XX escapes and '+' decoded.
std::string url_decoded(std::string_view s);

class LoopbackHttpServer {
 public:
  explicit LoopbackHttpServer(std::vector<ScriptedReply> script = {ScriptedReply::json(200, "{}")});
  ~LoopbackHttpServer();
  LoopbackHttpServer(const LoopbackHttpServer&) = delete;
  LoopbackHttpServer& operator=(const LoopbackHttpServer&) = delete;

  int port() const { return port_; }
  std::string url(std::string_view path = "/") const;
  // Replaces the script (the next connection starts at its first reply).
  void set_script(std::vector<ScriptedReply> script);

  std::vector<RecordedRequest> requests() const;
  int connections() const { return connections_.load(); }
  // Ends any stalled reply, closes the socket and joins the thread. Idempotent.
  void stop();

 private:
  void serve();
  void handle(int client);
  ScriptedReply next_reply();
  bool wait(int client, int timeout_ms);  // false once the server stops or the client left

  int listen_fd_ = -1;
  int wake_[2] = {-1, -1};  // a pipe: a byte in it ends every wait
  int port_ = 0;
  std::atomic<int> connections_{0};
  mutable std::mutex mutex_;
  std::vector<ScriptedReply> script_;
  std::size_t next_ = 0;
  std::vector<RecordedRequest> requests_;
  std::thread thread_;
  bool stopped_ = false;
};

}  // namespace tftsr::test
