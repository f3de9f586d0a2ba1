#include "core/ai/provider_errors.h"

#include <cctype>
#include <nlohmann/json.hpp>

#include "core/ai/utf8_repair.h"

namespace tftsr::ai {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool looks_like_html(std::string_view body) {
  const auto start = body.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos || body[start] != '<') return false;
  const std::string head = lower(body.substr(start, 512));
  return head.find("<html") != std::string::npos || head.find("<!doctype") != std::string::npos ||
         head.find("<head") != std::string::npos || head.find("<body") != std::string::npos ||
         head.find("<title") != std::string::npos || head.find("<h1") != std::string::npos;
}

std::string html_title(std::string_view body) {
  const std::string low = lower(body.substr(0, 64 * 1024));
  const auto open = low.find("<title");
  if (open == std::string::npos) return "";
  const auto gt = low.find('>', open);
  const auto close = low.find("</title", open);
  if (gt == std::string::npos || close == std::string::npos || close < gt) return "";
  return excerpt(body.substr(gt + 1, close - gt - 1), 120);
}

std::string string_of(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return "";
  return v.dump();
}

std::string status_meaning(int status) {
  switch (status) {
    case 400: return "rejected the request as malformed";
    case 401: return "refused the API key";
    case 403: return "refused access with this API key";
    case 404: return "does not know the model or the endpoint";
    case 408: return "timed out waiting for the request";
    case 409: return "reported a conflict";
    case 413: return "found the request too large";
    case 422: return "could not process the request";
    case 429: return "is rate limiting or out of quota";
    case 500: return "had an internal error";
    case 502: return "is behind a gateway that failed";
    case 503: return "is unavailable";
    case 504: return "is behind a gateway that timed out";
    case 529: return "is overloaded";
    default: return status >= 500 ? "had a server error" : "refused the request";
  }
}

std::string advice(int status) {
  switch (status) {
    case 401:
    case 403: return " Check the API key (and the auth header) in the provider settings.";
    case 404: return " Check the model name and the provider URL.";
    case 413: return " Send fewer or shorter log excerpts.";
    case 429: return " Wait a moment, or check the plan's limits.";
    default: return status >= 500 ? " Try again later." : "";
  }
}

}  // namespace

std::string excerpt(std::string_view text, std::size_t max) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
    if (out.size() >= max) {
      // Do not cut a UTF-8 sequence in half.
      while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();
      if (!out.empty() && static_cast<unsigned char>(out.back()) >= 0xC0) out.pop_back();
      return repair_utf8(out) + "...";
    }
  }
  return repair_utf8(out);
}

std::optional<std::string> error_message_from_json(const nlohmann::json& body) {
  if (!body.is_object()) return std::nullopt;
  if (auto it = body.find("error"); it != body.end() && !it->is_null()) {
    const auto& e = *it;
    if (e.is_string()) return e.get<std::string>();
    if (e.is_object()) {
      std::string message = e.contains("message") ? string_of(e["message"]) : "";
      std::string type = e.contains("type") ? string_of(e["type"]) : e.contains("status") ? string_of(e["status"]) : "";
      if (message.empty()) message = e.dump();
      return type.empty() ? message : type + ": " + message;
    }
    return e.dump();
  }
  const bool error_object = (body.contains("object") && body["object"] == "error") ||
                            (body.contains("type") && body["type"] == "error");
  if (error_object && body.contains("message")) return string_of(body["message"]);
  if (auto it = body.find("detail"); it != body.end()) {
    if (it->is_string()) return it->get<std::string>();
    if (it->is_array()) {
      std::string all;
      for (const auto& d : *it) {
        std::string m = d.is_object() && d.contains("msg") ? string_of(d["msg"]) : string_of(d);
        if (d.is_object() && d.contains("loc")) m = string_of(d["loc"]) + ": " + m;
        all += (all.empty() ? "" : "; ") + m;
      }
      return all;
    }
  }
  return std::nullopt;
}

std::string explain_unexpected_body(std::string_view who, std::string_view body) {
  if (looks_like_html(body)) {
    const std::string title = html_title(body);
    return std::string(who) + " answered with an HTML page" + (title.empty() ? "" : " ('" + title + "')") +
           " instead of JSON: the URL probably points at a web page, a proxy or a login portal rather than the API";
  }
  const auto start = body.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return std::string(who) + " answered with an empty body";
  return std::string(who) + " answered with something that is not JSON: '" + excerpt(body) + "'";
}

std::string explain_http_error(std::string_view who, int status, std::string_view body) {
  std::string head = std::string(who) + " " + status_meaning(status) + " (HTTP " + std::to_string(status) + ")";
  std::string detail;
  const auto parsed = nlohmann::json::parse(repair_utf8(body), nullptr, false);
  if (!parsed.is_discarded()) {
    if (auto m = error_message_from_json(parsed)) detail = ": " + excerpt(*m, 300);
  } else if (looks_like_html(body)) {
    const std::string title = html_title(body);
    detail = ": it answered with an HTML page" + (title.empty() ? "" : " ('" + title + "')") +
             ", so the URL may point at a proxy or web page rather than the API";
  } else if (body.find_first_not_of(" \t\r\n") != std::string_view::npos) {
    detail = ": '" + excerpt(body) + "'";
  }
  return head + detail + "." + advice(status);
}

}  // namespace tftsr::ai
