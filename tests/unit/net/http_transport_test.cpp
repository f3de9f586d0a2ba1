// Transport behaviour of the client behind the gate, with real libcurl against the loopback
// server: retries, streaming, cancel, timeouts and the specific errors.
#include <doctest/doctest.h>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "core/error.h"
#include "core/net/network_error.h"
#include "core/net/response_checks.h"
#include "tests/unit/net/gate_fixture.h"

using namespace tftsr;
using namespace tftsr::test;
using Clock = std::chrono::steady_clock;
using net::NetworkError;
using net::NetworkFailure;

namespace {
NetworkFailure failure_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const NetworkError& e) {
    return e.failure();
  }
  FAIL("no NetworkError was thrown");
  return NetworkFailure::InvalidUrl;
}

std::string message_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const std::exception& e) {
    return e.what();
  }
  return {};
}

// A port on 127.0.0.1 that nobody listens on.
int closed_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}
}  // namespace

TEST_CASE("transport: 429 with Retry-After, then 529, then success: three requests, the wait honoured") {
  GateFixture f({ScriptedReply::too_many_requests("Retry-After", "1"), ScriptedReply::overloaded(),
                 ScriptedReply::json(200, R"({"ok":true})")});
  const auto start = Clock::now();
  auto result = f.t->gate().send(f.request());
  CHECK(Clock::now() - start >= std::chrono::milliseconds(1000));  // the server asked for a second
  CHECK(result.response.status == 200);
  CHECK(result.response.attempts == 3);
  auto got = f.server.requests();
  REQUIRE(got.size() == 3);
  CHECK(got[0].body == got[2].body);  // the same bytes each time
  CHECK(f.sends().size() == 1);       // one send, one audit entry
}

TEST_CASE("transport: retry-after-ms is honoured — retries give up with the last status") {
  GateFixture f({ScriptedReply::too_many_requests("retry-after-ms", "200")});
  auto req = f.request();
  req.options.max_retries = 2;
  const auto start = Clock::now();
  try {
    f.t->gate().send(req);
    FAIL("expected an error");
  } catch (const NetworkError& e) {
    CHECK(e.failure() == NetworkFailure::HttpStatus);
    CHECK(e.http_status() == 429);
    CHECK(std::string(e.what()).find("slow down") != std::string::npos);
  }
  CHECK(Clock::now() - start >= std::chrono::milliseconds(400));
  CHECK(f.server.requests().size() == 3);
}

TEST_CASE("transport: a request that creates something is repeated only after a refusal (408, 429, 503 with Retry-After)") {
  {
    GateFixture f({ScriptedReply::json(502, R"({"error":"bad gateway"})"), ScriptedReply::json(201, "{}")});
    auto req = f.request();
    req.options.repeatable = false;
    req.options.retry_base_ms = 1;
    CHECK(failure_of([&] { f.t->gate().send(req); }) == NetworkFailure::HttpStatus);
    CHECK(f.server.requests().size() == 1);
  }
  {
    GateFixture f({ScriptedReply::json(503, "{}"), ScriptedReply::json(201, "{}")});  // a proxy's bare 503
    auto req = f.request();
    req.options.repeatable = false;
    req.options.retry_base_ms = 1;
    CHECK(failure_of([&] { f.t->gate().send(req); }) == NetworkFailure::HttpStatus);
    CHECK(f.server.requests().size() == 1);
  }
  {
    GateFixture f({ScriptedReply::json(503, "{}").with_header("Retry-After", "0"),
                   ScriptedReply::too_many_requests("retry-after-ms", "1"), ScriptedReply::json(201, "{}")});
    auto req = f.request();
    req.options.repeatable = false;
    req.options.retry_base_ms = 1;
    CHECK(f.t->gate().send(req).response.status == 201);
    CHECK(f.server.requests().size() == 3);
  }
  {
    GateFixture f({ScriptedReply::json(502, "{}"), ScriptedReply::json(200, "{}")});
    auto req = f.request();
    req.options.retry_base_ms = 1;
    CHECK(f.t->gate().send(req).response.status == 200);  // a read (the default) is repeated
    CHECK(f.server.requests().size() == 2);
  }
}

TEST_CASE("transport: a streamed reply reaches the sink piece by piece") {
  GateFixture f({ScriptedReply::streamed({{0, "data: one\n\n"}, {50, "data: two\n\n"}, {50, "data: [DONE]\n\n"}})});
  std::vector<std::string> chunks;
  auto result = f.t->gate().stream(f.request(), [&](std::string_view c) {
    chunks.emplace_back(c);
    return true;
  });
  CHECK_FALSE(result.response.cut());
  std::string all;
  for (const auto& c : chunks) all += c;
  CHECK(all == "data: one\n\ndata: two\n\ndata: [DONE]\n\n");
  CHECK(chunks.size() >= 2);
  CHECK(result.response.body.empty());
}

TEST_CASE("transport: no retry once streaming started — a connection closed mid-body is a clear error") {
  GateFixture f({ScriptedReply::close_after({{0, "data: partial\n\n"}}), ScriptedReply::json(200, "{}")});
  std::string received;
  auto failure = failure_of([&] {
    f.t->gate().stream(f.request(), [&](std::string_view c) {
      received += c;
      return true;
    });
  });
  CHECK(failure == NetworkFailure::ConnectionLost);
  CHECK(received == "data: partial\n\n");
  CHECK(f.server.requests().size() == 1);
}

TEST_CASE("transport: cancel mid-stream ends within 200 ms and keeps what arrived, marked cut off") {
  GateFixture f({ScriptedReply::stall_after({{0, "data: first words\n\n"}})});
  std::atomic<bool> cancel{false};
  std::atomic<bool> first{false};
  std::string received;
  auto req = f.request();
  req.cancelled = [&] { return cancel.load(); };
  Clock::time_point cancelled_at;
  std::thread stopper([&] {
    while (!first) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    cancelled_at = Clock::now();
    cancel = true;
  });
  auto result = f.t->gate().stream(req, [&](std::string_view c) {
    received += c;
    first = true;
    return true;
  });
  const auto returned_at = Clock::now();
  stopper.join();
  CHECK(result.response.cut_off == net::CutOff::Cancelled);
  CHECK(received == "data: first words\n\n");
  CHECK(returned_at - cancelled_at < std::chrono::milliseconds(200));
}

TEST_CASE("transport: a sink that returns false stops the transfer and marks the reply cut off") {
  GateFixture f({ScriptedReply::stall_after({{0, "data: a\n\n"}})});
  auto result = f.t->gate().stream(f.request(), [](std::string_view) { return false; });
  CHECK(result.response.cut_off == net::CutOff::SinkStopped);
}

TEST_CASE("transport: a cancel before the first byte throws Cancelled, also while waiting to retry") {
  GateFixture f({ScriptedReply::too_many_requests("Retry-After", "30")});
  std::atomic<bool> cancel{false};
  auto req = f.request();
  req.cancelled = [&] { return cancel.load(); };
  std::thread stopper([&] {
    while (f.server.requests().empty()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    cancel = true;
  });
  const auto start = Clock::now();
  try {
    f.t->gate().send(req);
    FAIL("expected Cancelled");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::Cancelled);
  }
  stopper.join();
  CHECK(Clock::now() - start < std::chrono::seconds(10));
}

TEST_CASE("transport: a server that stalls ends with the idle-timeout error") {
  GateFixture f({ScriptedReply::stall_after({{0, "data: a\n\n"}})});
  auto req = f.request();
  req.options.idle_timeout_ms = 300;
  std::string msg;
  try {
    f.t->gate().stream(req, [](std::string_view) { return true; });
    FAIL("expected an idle timeout");
  } catch (const NetworkError& e) {
    CHECK(e.failure() == NetworkFailure::IdleTimeout);
    msg = e.what();
  }
  CHECK(msg.find("stalled") != std::string::npos);
  CHECK(f.server.requests().size() == 1);
}

TEST_CASE("transport: connection refused gives the network error, after the retries") {
  GateFixture f;
  auto req = f.request();
  req.target.url = "http://127.0.0.1:" + std::to_string(closed_port()) + "/v1/chat";
  req.options.max_retries = 2;
  std::string msg;
  try {
    f.t->gate().send(req);
    FAIL("expected a network error");
  } catch (const NetworkError& e) {
    CHECK(e.kind() == ErrorKind::Network);
    CHECK(e.failure() == NetworkFailure::Unreachable);
    msg = e.what();
  }
  CHECK(msg.find("refused or the network is down") != std::string::npos);
}

TEST_CASE("transport: an unknown host gives the DNS error") {
  GateFixture f;
  auto req = f.request();
  req.target.url = "http://no-such-host.invalid/v1/chat";
  req.options.max_retries = 0;
  CHECK(failure_of([&] { f.t->gate().send(req); }) == NetworkFailure::Dns);
}

TEST_CASE("transport: 401 and 403 say the key is wrong, 404 says the URL or model is wrong — no retries") {
  for (int status : {401, 403}) {
    GateFixture f({ScriptedReply::json(status, R"({"error":"invalid api key"})")});
    CHECK(failure_of([&] { f.t->gate().send(f.request()); }) == NetworkFailure::Unauthorized);
    CHECK(message_of([&] { f.t->gate().send(f.request()); }).find("API key") != std::string::npos);
    CHECK(f.server.requests().size() == 2);
  }
  GateFixture f({ScriptedReply::json(404, R"({"error":"model not found"})")});
  CHECK(failure_of([&] { f.t->gate().send(f.request()); }) == NetworkFailure::NotFound);
  CHECK(message_of([&] { f.t->gate().send(f.request()); }).find("model name") != std::string::npos);
}

TEST_CASE("transport: an HTML page where JSON was expected gives the specific error") {
  GateFixture f({ScriptedReply::html(200, "<!DOCTYPE html><html><head><title>Sign in to Corp Proxy</title></head>"
                                          "<body>login</body></html>")});
  auto result = f.t->gate().send(f.request());
  std::string msg;
  try {
    net::expect_json(result.response, "fake-provider");
    FAIL("HTML accepted as JSON");
  } catch (const NetworkError& e) {
    CHECK(e.failure() == NetworkFailure::UnexpectedContent);
    msg = e.what();
  }
  CHECK(msg.find("HTML page") != std::string::npos);
  CHECK(msg.find("Sign in to Corp Proxy") != std::string::npos);
}

TEST_CASE("transport: an HTML error page gives its status and title, not its markup") {
  GateFixture f({ScriptedReply::html(502, "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>")});
  auto req = f.request();
  req.options.max_retries = 0;
  const std::string msg = message_of([&] { f.t->gate().send(req); });
  CHECK(msg.find("HTTP 502") != std::string::npos);
  CHECK(msg.find("502 Bad Gateway") != std::string::npos);
  CHECK(msg.find("<body>") == std::string::npos);
}

TEST_CASE("transport: a reply over the body cap ends with a clear error") {
  GateFixture f({ScriptedReply::json(200, std::string(200000, 'x'))});
  auto req = f.request();
  req.options.max_body_bytes = 100000;
  CHECK(failure_of([&] { f.t->gate().send(req); }) == NetworkFailure::TooLarge);
}
