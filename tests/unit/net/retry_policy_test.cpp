#include <doctest/doctest.h>

#include "core/net/http_message.h"
#include "core/net/response_checks.h"
#include "core/net/retry_policy.h"

using namespace tftsr::net;
using namespace std::chrono;

TEST_CASE("retry policy: which statuses are worth another try") {
  for (int s : {408, 409, 429, 500, 502, 503, 529}) CHECK(is_retryable_status(s));
  for (int s : {200, 400, 401, 403, 404, 422}) CHECK_FALSE(is_retryable_status(s));
}

TEST_CASE("retry policy: Retry-After as seconds or an HTTP date, retry-after-ms first") {
  const auto now = system_clock::from_time_t(1767225600);  // 2026-01-01 00:00:00 UTC
  CHECK(server_retry_delay(HttpHeaders{{"Retry-After", "7"}}, now) == milliseconds(7000));
  CHECK(server_retry_delay(HttpHeaders{{"retry-after", " 2 "}}, now) == milliseconds(2000));
  CHECK(server_retry_delay(HttpHeaders{{"Retry-After", "Thu, 01 Jan 2026 00:00:30 GMT"}}, now) == milliseconds(30000));
  CHECK(server_retry_delay(HttpHeaders{{"Retry-After", "Wed, 31 Dec 2025 23:00:00 GMT"}}, now) == milliseconds(0));
  CHECK(server_retry_delay(HttpHeaders{{"Retry-After", "9"}, {"retry-after-ms", "250"}}, now) == milliseconds(250));
  CHECK_FALSE(server_retry_delay(HttpHeaders{{"Retry-After", "soon"}}, now).has_value());
  CHECK_FALSE(server_retry_delay(HttpHeaders{}, now).has_value());
}

TEST_CASE("retry policy: exponential back-off with jitter, capped — the server's wish capped too") {
  HttpOptions o;
  o.retry_base_ms = 100;
  o.retry_cap_ms = 60000;
  for (int retry = 0; retry < 4; ++retry) {
    auto d = retry_delay(retry, o, std::nullopt);
    CHECK(d >= milliseconds(50 << retry));
    CHECK(d <= milliseconds(100 << retry));
  }
  CHECK(retry_delay(30, o, std::nullopt) <= milliseconds(60000));
  CHECK(retry_delay(0, o, milliseconds(3600 * 1000)) == milliseconds(60000));
  CHECK(retry_delay(0, o, milliseconds(1500)) == milliseconds(1500));
}

TEST_CASE("response checks: HTML by content type or by its first bytes — JSON accepted") {
  CHECK(looks_like_html(HttpHeaders{{"Content-Type", "text/html; charset=utf-8"}}, "{}"));
  CHECK(looks_like_html(HttpHeaders{}, "\n  <!doctype html><html>"));
  CHECK_FALSE(looks_like_html(HttpHeaders{{"content-type", "application/json"}}, R"({"a":1})"));
  HttpResponse ok{200, HttpHeaders{{"Content-Type", "application/json"}}, " [1,2]"};
  CHECK_NOTHROW(expect_json(ok, "svc"));
  HttpResponse empty{200, {}, ""};
  CHECK_THROWS_WITH(expect_json(empty, "svc"), doctest::Contains("empty"));
}

TEST_CASE("headers: names compare without case") {
  HttpHeaders h{{"Content-Type", "a"}, {"X-Thing", "b"}};
  CHECK(h.get("content-type") == "a");
  CHECK(h.get("X-THING") == "b");
  CHECK_FALSE(h.get("missing"));
}
