#pragma once
// When a failed request is worth another try, and how long to wait first.
#include <chrono>
#include <optional>
#include <string_view>

#include "core/net/http_message.h"

namespace tftsr::net {

// 408, 409, 429, 5xx (529 "overloaded" included).
bool is_retryable_status(int status);

// The statuses that say the request was not acted on (408 timeout before processing, 429 rate
// limit, 503 unavailable): the only ones a request that creates something is retried on.
bool is_refusal_status(int status);

// The wait the server asked for: retry-after-ms (milliseconds), else Retry-After as seconds or
// as an HTTP date (relative to `now`). Nothing when absent or unreadable; never negative.
std::optional<std::chrono::milliseconds> server_retry_delay(const HttpHeaders& headers,
                                                            std::chrono::system_clock::time_point now);

// base * 2^retry scaled by a random factor in [0.5, 1], or the server's wish; at most the cap.
std::chrono::milliseconds retry_delay(int retry, const HttpOptions& options,
                                      std::optional<std::chrono::milliseconds> server_wish);

}  // namespace tftsr::net
