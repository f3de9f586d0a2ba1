#pragma once
// When a failed request is worth another try, and how long to wait first.
#include <chrono>
#include <optional>
#include <string_view>

#include "core/net/http_message.h"

namespace tftsr::net {

// 408, 409, 429, 5xx (529 "overloaded" included).
bool is_retryable_status(int status);

// The answers that say the request was not acted on, the only ones a request that creates
// something is retried on: 408 (timed out before processing), 429 (rate limit), and 503 only with
// Retry-After (a proxy's bare 503 may come after the service received the request).
bool is_refusal(int status, const HttpHeaders& headers);

// The wait the server asked for: retry-after-ms (milliseconds), else Retry-After as seconds or
// as an HTTP date (relative to `now`). Nothing when absent or unreadable; never negative.
std::optional<std::chrono::milliseconds> server_retry_delay(const HttpHeaders& headers,
                                                            std::chrono::system_clock::time_point now);

// base * 2^retry scaled by a random factor in [0.5, 1], or the server's wish; at most the cap.
std::chrono::milliseconds retry_delay(int retry, const HttpOptions& options,
                                      std::optional<std::chrono::milliseconds> server_wish);

}  // namespace tftsr::net
