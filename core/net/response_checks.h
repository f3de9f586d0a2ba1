#pragma once
// Checks callers run on a reply before parsing it: a captive portal, a reverse proxy's error page
// or a wrong endpoint often answers 200 with HTML where an API would answer JSON.
#include <string>
#include <string_view>

#include "core/net/http_message.h"

namespace tftsr::net {

// True when the reply is an HTML page (by Content-Type, or by its first non-blank bytes).
bool looks_like_html(const HttpHeaders& headers, std::string_view body);

// Throws NetworkError(UnexpectedContent) naming `service` unless the body looks like JSON
// (an object or array after leading white space).
void expect_json(const HttpResponse& response, std::string_view service);

// A short, single-line excerpt of a body for an error message: an HTML page's <title>, else the
// first `limit` bytes with white space collapsed.
std::string body_excerpt(const HttpHeaders& headers, std::string_view body, std::size_t limit = 200);

}  // namespace tftsr::net
