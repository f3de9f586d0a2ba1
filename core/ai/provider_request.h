#pragma once
// The HTTP request a provider builds: everything the transport needs, nothing it must know
// about providers. Building it is pure (no network), so it can be shown (--dry-run), hashed for
// the audit and tested byte for byte.
#include <string>
#include <vector>

namespace tftsr::ai {

// How the response body is framed when all goes well.
enum class ResponseFormat {
  Json,    // one JSON document
  Sse,     // text/event-stream
  Ndjson,  // one JSON object per line
};

struct HttpHeader {
  std::string name;
  std::string value;
  bool secret = false;  // carries the API key: never log, print or audit its value
};

struct ProviderRequest {
  std::string method = "POST";
  std::string url;
  std::vector<HttpHeader> headers;
  std::string body;
  ResponseFormat response_format = ResponseFormat::Json;
};

}  // namespace tftsr::ai
