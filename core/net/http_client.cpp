#include "core/net/http_client.h"

#include <curl/curl.h>

#include <chrono>
#include <cstdlib>
#include <memory>
#include <thread>

#include "core/net/http_url.h"
#include "core/net/network_error.h"
#include "core/net/response_checks.h"
#include "core/net/retry_policy.h"

namespace tftsr::net {

namespace {
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr std::size_t kErrorBodyKept = 64 * 1024;  // of an error reply, for its message

struct EasyDeleter {
  void operator()(CURL* h) const { curl_easy_cleanup(h); }
};
struct MultiDeleter {
  void operator()(CURLM* m) const { curl_multi_cleanup(m); }
};
struct ListDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

enum class Abort { None, Cancelled, SinkStopped, TooLarge, Idle };

// The state of one attempt, shared with libcurl's callbacks.
struct Attempt {
  CURL* handle = nullptr;
  const HttpOptions* options = nullptr;
  const ChunkSink* sink = nullptr;
  const CancelCheck* cancelled = nullptr;

  int status = 0;
  HttpHeaders headers;
  std::string body;        // a success reply when not streamed
  std::string error_body;  // the start of an error reply
  std::int64_t body_bytes = 0;
  bool delivered = false;  // body bytes went to the sink or into body: no retry from here on
  bool connected = false;
  Abort abort = Abort::None;
  Clock::time_point last_activity = Clock::now();

  bool cancel_requested() const { return *cancelled && (*cancelled)(); }
  bool success() const { return status >= 200 && status < 300; }
};

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto& a = *static_cast<Attempt*>(user);
  a.last_activity = Clock::now();
  std::string_view line(data, size * count);
  if (line.rfind("HTTP/", 0) == 0) {  // a new response (after a 100 Continue, say)
    a.headers = {};
    a.status = 0;
    return size * count;
  }
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  auto colon = line.find(':');
  if (colon == std::string_view::npos) return size * count;
  std::string_view value = line.substr(colon + 1);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  a.headers.add(std::string(line.substr(0, colon)), std::string(value));
  return size * count;
}

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto& a = *static_cast<Attempt*>(user);
  const std::size_t n = size * count;
  a.last_activity = Clock::now();
  if (a.cancel_requested()) {
    a.abort = Abort::Cancelled;
    return 0;  // anything but n ends the transfer
  }
  if (a.status == 0) {
    long code = 0;
    curl_easy_getinfo(a.handle, CURLINFO_RESPONSE_CODE, &code);
    a.status = static_cast<int>(code);
  }
  if (!a.success()) {
    a.body_bytes += static_cast<std::int64_t>(n);
    if (a.error_body.size() < kErrorBodyKept) a.error_body.append(data, std::min(n, kErrorBodyKept - a.error_body.size()));
    return n;
  }
  if (a.body_bytes + static_cast<std::int64_t>(n) > a.options->max_body_bytes) {
    a.abort = Abort::TooLarge;
    return 0;
  }
  a.body_bytes += static_cast<std::int64_t>(n);
  a.delivered = true;
  if (*a.sink) {
    if (!(*a.sink)(std::string_view(data, n))) {
      a.abort = Abort::SinkStopped;
      return 0;
    }
  } else {
    a.body.append(data, n);
  }
  return n;
}

int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  auto& a = *static_cast<Attempt*>(user);
  if (a.cancel_requested()) {
    a.abort = Abort::Cancelled;
    return 1;
  }
  return 0;
}

// Called once the connection is up, just before the request goes out: the idle clock starts.
int on_connected(void* user, char*, char*, int, int) {
  auto& a = *static_cast<Attempt*>(user);
  a.connected = true;
  a.last_activity = Clock::now();
  return CURL_PREREQFUNC_OK;
}

const char* first_env(std::initializer_list<const char*> names) {
  for (const char* n : names)
    if (const char* v = std::getenv(n); v && *v) return v;
  return nullptr;
}

void check(CURLcode rc) {
  if (rc != CURLE_OK)
    throw Error(ErrorKind::Internal, std::string("libcurl refused an option: ") + curl_easy_strerror(rc));
}

std::unique_ptr<curl_slist, ListDeleter> header_list(const HttpHeaders& headers) {
  curl_slist* list = nullptr;
  auto push = [&](const std::string& line) {
    curl_slist* next = curl_slist_append(list, line.c_str());
    if (!next) {
      curl_slist_free_all(list);
      throw Error(ErrorKind::Internal, "out of memory while building request headers");
    }
    list = next;
  };
  for (const auto& [name, value] : headers.fields()) {
    if (name.find_first_of(":\r\n") != std::string::npos || value.find_first_of("\r\n") != std::string::npos)
      throw Error(ErrorKind::InvalidInput, "the request header \"" + name + "\" contains a line break or colon");
    push(value.empty() ? name + ";" : name + ": " + value);  // "Name;" sends an empty value
  }
  push("Expect:");  // no 100-continue round trip for big bodies
  return std::unique_ptr<curl_slist, ListDeleter>(list);
}

void configure(CURL* h, const HttpRequest& r, const HttpUrl& url, const HttpOptions& o, curl_slist* headers,
               Attempt& a, char* error_buffer) {
  check(curl_easy_setopt(h, CURLOPT_URL, r.url.c_str()));
  check(curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L));
  check(curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https"));
  check(curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L));
  check(curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error_buffer));
  check(curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(o.connect_timeout_ms)));
  check(curl_easy_setopt(h, CURLOPT_TCP_KEEPALIVE, 1L));
  // TLS is verified, always; only the trust store can be changed (a company CA).
  check(curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L));
  check(curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L));
  if (const char* ca = first_env({"SSL_CERT_FILE", "CURL_CA_BUNDLE"})) {
    check(curl_easy_setopt(h, CURLOPT_CAINFO, ca));
    check(curl_easy_setopt(h, CURLOPT_PROXY_CAINFO, ca));
  }
  // libcurl reads the lower-case variables itself; naming the proxy here makes the upper-case
  // spellings work the same way (HTTP_PROXY stays ignored for http, as libcurl does, since a CGI
  // environment lets a client set it).
  const char* proxy = url.scheme == "https" ? first_env({"https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"})
                                            : first_env({"http_proxy", "all_proxy", "ALL_PROXY"});
  if (proxy) check(curl_easy_setopt(h, CURLOPT_PROXY, proxy));
  if (const char* no_proxy = first_env({"no_proxy", "NO_PROXY"})) check(curl_easy_setopt(h, CURLOPT_NOPROXY, no_proxy));

  if (r.method == "GET") {
    check(curl_easy_setopt(h, CURLOPT_HTTPGET, 1L));
  } else {
    check(curl_easy_setopt(h, CURLOPT_POSTFIELDS, r.body.data()));
    check(curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(r.body.size())));
    if (r.method != "POST") check(curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, r.method.c_str()));
  }
  check(curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers));
  check(curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header));
  check(curl_easy_setopt(h, CURLOPT_HEADERDATA, &a));
  check(curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body));
  check(curl_easy_setopt(h, CURLOPT_WRITEDATA, &a));
  check(curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L));
  check(curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, on_progress));
  check(curl_easy_setopt(h, CURLOPT_XFERINFODATA, &a));
  check(curl_easy_setopt(h, CURLOPT_PREREQFUNCTION, on_connected));
  check(curl_easy_setopt(h, CURLOPT_PREREQDATA, &a));
}

// Runs one attempt on a multi handle of its own, waking every cancel_poll_ms to look at the
// cancel flag and the idle clock, so neither waits for libcurl's own (second-long) timers.
CURLcode perform(CURL* h, Attempt& a) {
  std::unique_ptr<CURLM, MultiDeleter> multi(curl_multi_init());
  if (!multi) throw Error(ErrorKind::Internal, "libcurl could not start a transfer");
  if (curl_multi_add_handle(multi.get(), h) != CURLM_OK)
    throw Error(ErrorKind::Internal, "libcurl could not start a transfer");
  const milliseconds idle(a.options->idle_timeout_ms);
  CURLcode result = CURLE_OK;
  for (;;) {
    int running = 0;
    if (curl_multi_perform(multi.get(), &running) != CURLM_OK) {
      result = CURLE_FAILED_INIT;
      break;
    }
    if (!running) {
      int left = 0;
      while (CURLMsg* m = curl_multi_info_read(multi.get(), &left))
        if (m->msg == CURLMSG_DONE) result = m->data.result;
      break;
    }
    if (a.abort != Abort::None) break;
    if (a.cancel_requested()) {
      a.abort = Abort::Cancelled;
      break;
    }
    if (a.connected && Clock::now() - a.last_activity > idle) {
      a.abort = Abort::Idle;
      break;
    }
    curl_multi_poll(multi.get(), nullptr, 0, a.options->cancel_poll_ms, nullptr);
  }
  curl_multi_remove_handle(multi.get(), h);
  return result;
}

bool is_tls_failure(CURLcode rc) {
  switch (rc) {
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_SHUTDOWN_FAILED:
    case CURLE_USE_SSL_FAILED:
      return true;
    default:
      return false;
  }
}

// A failure with no byte of the reply yet: the request may not have been processed, try again.
// Only a refused connection proves the request never reached the server.
bool is_retryable_transport(CURLcode rc, bool repeatable) {
  if (!repeatable) return rc == CURLE_COULDNT_CONNECT;
  switch (rc) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
      return true;
    default:
      return false;
  }
}

NetworkError transport_error(CURLcode rc, const HttpUrl& url, const HttpOptions& o, const char* detail,
                             bool got_reply) {
  // Appended piecewise: GCC 12 at -O3 warns (-Wrestrict, a false positive) on ":" + std::string.
  std::string where = url.host;
  if (url.port) {
    where += ':';
    where += std::to_string(url.port);
  }
  const std::string why = *detail ? std::string(detail) : std::string(curl_easy_strerror(rc));
  switch (rc) {
    case CURLE_COULDNT_RESOLVE_HOST:
      return {NetworkFailure::Dns, "could not find the host " + url.host + " (DNS lookup failed): check the URL "
                                   "and the network connection"};
    case CURLE_COULDNT_RESOLVE_PROXY:
      return {NetworkFailure::Dns, "could not find the proxy host (DNS lookup failed): check HTTPS_PROXY"};
    case CURLE_COULDNT_CONNECT:
      return {NetworkFailure::Unreachable, "could not connect to " + where +
                                               ": the connection was refused or the network is down (" + why + ")"};
    case CURLE_OPERATION_TIMEDOUT:
      return {NetworkFailure::Timeout, "no connection to " + where + " within " +
                                           std::to_string(o.connect_timeout_ms / 1000.0).substr(0, 4) + " s"};
    default:
      break;
  }
  if (is_tls_failure(rc))
    return {NetworkFailure::Tls, "the secure connection to " + url.host + " failed (" + why +
                                     "): check the certificate, or set SSL_CERT_FILE to your company's CA bundle"};
  if (got_reply)
    return {NetworkFailure::ConnectionLost, url.host + " closed the connection before the reply was complete (" +
                                                why + ")"};
  return {NetworkFailure::Unreachable, "the connection to " + where + " failed: " + why};
}

NetworkError status_error(int status, const HttpHeaders& headers, const std::string& body, const HttpUrl& url) {
  const std::string s = std::to_string(status);
  // The service's own words, when it gave any ("Incorrect API key provided", "model not found").
  const std::string excerpt = body_excerpt(headers, body);
  const std::string said = excerpt.empty() ? std::string() : " (it said: " + excerpt + ")";
  if (status == 401 || status == 403)
    return {NetworkFailure::Unauthorized,
            url.host + " refused the credentials (HTTP " + s + "): check the API key and its permissions" + said, status};
  if (status == 404)
    return {NetworkFailure::NotFound,
            url.host + " has nothing at " + url.path + " (HTTP 404): check the URL, the endpoint path and the model name" +
                said,
            status};
  return {NetworkFailure::HttpStatus,
          url.host + " answered HTTP " + s + (excerpt.empty() ? std::string() : ": " + excerpt), status};
}

bool worth_retrying(int status, const HttpHeaders& headers, const HttpOptions& o) {
  return o.repeatable ? is_retryable_status(status) : is_refusal(status, headers);
}

// Sleeps, waking to look at the cancel flag; throws Error(Cancelled) when it is raised.
void wait_cancellable(milliseconds delay, const HttpOptions& o, const CancelCheck& cancelled) {
  const auto until = Clock::now() + delay;
  while (Clock::now() < until) {
    if (cancelled && cancelled()) throw Error(ErrorKind::Cancelled, "cancelled while waiting to retry");
    std::this_thread::sleep_for(std::min<Clock::duration>(milliseconds(o.cancel_poll_ms), until - Clock::now()));
  }
}

HttpResponse run(const HttpRequest& request, const ChunkSink& sink, const HttpOptions& options,
                 const CancelCheck& cancelled) {
  const HttpUrl url = parse_http_url(request.url);
  auto headers = header_list(request.headers);
  for (int retry = 0;; ++retry) {
    if (cancelled && cancelled()) throw Error(ErrorKind::Cancelled, "cancelled");
    std::unique_ptr<CURL, EasyDeleter> h(curl_easy_init());
    if (!h) throw Error(ErrorKind::Internal, "libcurl could not create a transfer");
    Attempt a;
    a.handle = h.get();
    a.options = &options;
    a.sink = &sink;
    a.cancelled = &cancelled;
    char detail[CURL_ERROR_SIZE] = {};
    configure(h.get(), request, url, options, headers.get(), a, detail);
    const CURLcode rc = perform(h.get(), a);
    if (a.status == 0) {
      long code = 0;
      curl_easy_getinfo(h.get(), CURLINFO_RESPONSE_CODE, &code);
      a.status = static_cast<int>(code);
    }

    HttpResponse response{a.status, std::move(a.headers), std::move(a.body), a.body_bytes, CutOff::None, retry + 1};
    switch (a.abort) {
      case Abort::Cancelled:
        if (!a.delivered) throw Error(ErrorKind::Cancelled, "cancelled");
        response.cut_off = CutOff::Cancelled;  // keep what arrived
        return response;
      case Abort::SinkStopped:
        response.cut_off = CutOff::SinkStopped;
        return response;
      case Abort::TooLarge:
        throw NetworkError(NetworkFailure::TooLarge,
                           "the reply from " + url.host + " is larger than " +
                               std::to_string(options.max_body_bytes >> 20) + " MB and was cut off",
                           a.status);
      case Abort::Idle:
        throw NetworkError(NetworkFailure::IdleTimeout,
                           url.host + " sent nothing for " +
                               (options.idle_timeout_ms >= 1000 ? std::to_string(options.idle_timeout_ms / 1000) + " s"
                                                                : std::to_string(options.idle_timeout_ms) + " ms") +
                               ": the server stalled",
                           a.status);
      case Abort::None:
        break;
    }
    const bool retries_left = retry < options.max_retries;
    if (rc != CURLE_OK) {
      const bool got_reply = a.status != 0 || a.body_bytes > 0;
      if (!a.delivered && !got_reply && retries_left && is_retryable_transport(rc, options.repeatable)) {
        wait_cancellable(retry_delay(retry, options, std::nullopt), options, cancelled);
        continue;
      }
      if (!a.success() && a.status != 0 && !a.delivered) {
        // An error status whose body was cut: the status says more than the broken body.
        if (retries_left && worth_retrying(a.status, response.headers, options)) {
          wait_cancellable(retry_delay(retry, options, server_retry_delay(response.headers,
                                                                          std::chrono::system_clock::now())),
                           options, cancelled);
          continue;
        }
        throw status_error(a.status, response.headers, a.error_body, url);
      }
      throw transport_error(rc, url, options, detail, got_reply);
    }
    if (response.status >= 200 && response.status < 300) return response;
    if (retries_left && worth_retrying(response.status, response.headers, options)) {
      wait_cancellable(
          retry_delay(retry, options, server_retry_delay(response.headers, std::chrono::system_clock::now())), options,
          cancelled);
      continue;
    }
    throw status_error(response.status, response.headers, a.error_body, url);
  }
}
}  // namespace

HttpResponse HttpClient::send(const HttpRequest& request, const HttpOptions& options,
                              const CancelCheck& cancelled) const {
  return run(request, ChunkSink{}, options, cancelled);
}

HttpResponse HttpClient::stream(const HttpRequest& request, const ChunkSink& sink, const HttpOptions& options,
                                const CancelCheck& cancelled) const {
  if (!sink) throw Error(ErrorKind::Internal, "a streamed request needs a sink");
  return run(request, sink, options, cancelled);
}

}  // namespace tftsr::net
