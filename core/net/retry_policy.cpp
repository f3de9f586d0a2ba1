#include "core/net/retry_policy.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <random>
#include <string>

namespace tftsr::net {

namespace {
std::string trimmed(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  std::size_t b = 0;
  while (b < s.size() && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  return s.substr(b);
}

std::optional<long long> whole_number(const std::string& s) {
  if (s.empty() || s.size() > 12 || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  return std::stoll(s);
}
}  // namespace

bool is_retryable_status(int status) {
  return status == 408 || status == 409 || status == 429 || (status >= 500 && status <= 599);
}

bool is_refusal(int status, const HttpHeaders& headers) {
  if (status == 408 || status == 429) return true;
  return status == 503 && (headers.get("retry-after") || headers.get("retry-after-ms"));
}

std::optional<std::chrono::milliseconds> server_retry_delay(const HttpHeaders& headers,
                                                            std::chrono::system_clock::time_point now) {
  using std::chrono::milliseconds;
  if (auto ms = headers.get("retry-after-ms"))
    if (auto n = whole_number(trimmed(*ms))) return milliseconds(*n);
  auto ra = headers.get("retry-after");
  if (!ra) return std::nullopt;
  const std::string v = trimmed(*ra);
  if (auto n = whole_number(v)) return milliseconds(*n * 1000);
  const time_t when = curl_getdate(v.c_str(), nullptr);
  if (when < 0) return std::nullopt;
  auto delta = std::chrono::system_clock::from_time_t(when) - now;
  return std::max(milliseconds(0), std::chrono::duration_cast<milliseconds>(delta));
}

std::chrono::milliseconds retry_delay(int retry, const HttpOptions& options,
                                      std::optional<std::chrono::milliseconds> server_wish) {
  using std::chrono::milliseconds;
  const milliseconds cap(options.retry_cap_ms);
  if (server_wish) return std::min(*server_wish, cap);
  thread_local std::mt19937 rng(std::random_device{}());
  const double jitter = std::uniform_real_distribution<double>(0.5, 1.0)(rng);
  const double base = static_cast<double>(options.retry_base_ms) * static_cast<double>(1LL << std::min(retry, 20));
  return std::min(cap, milliseconds(static_cast<long long>(base * jitter)));
}

}  // namespace tftsr::net
