#pragma once
// The HTTP client behind the outbound gate, and the only libcurl user besides the process-wide
// runtime. Only OutboundGate can make one, so nothing else in the process can send bytes out
// without passing the gate's PII checks and audit entry first.
//
// Behaviour: TLS always verified (custom CA bundle from SSL_CERT_FILE / CURL_CA_BUNDLE), proxies
// from https_proxy / HTTPS_PROXY / http_proxy / no_proxy / NO_PROXY, a connect timeout and an
// idle timeout, retries with back-off on 408/409/429/5xx/529 and on connection failures before the
// first byte (honouring Retry-After and retry-after-ms), never a retry once body bytes reached the
// sink, cancel at any moment (partial replies are kept and marked cut off), a cap on the body.
// Failures throw NetworkError (network_error.h); a cancel before any byte throws Error(Cancelled).
#include "core/net/http_message.h"

namespace tftsr::net {

class OutboundGate;

class HttpClient {
 public:
  // The whole reply in response.body (at most options.max_body_bytes, else TooLarge).
  HttpResponse send(const HttpRequest& request, const HttpOptions& options = {},
                    const CancelCheck& cancelled = {}) const;
  // A 2xx reply's body goes to `sink` chunk by chunk as it arrives; response.body stays empty.
  // An error status is never given to the sink: its body ends up in the NetworkError's message.
  HttpResponse stream(const HttpRequest& request, const ChunkSink& sink, const HttpOptions& options = {},
                      const CancelCheck& cancelled = {}) const;

 private:
  friend class OutboundGate;
  HttpClient() = default;
};

}  // namespace tftsr::net
