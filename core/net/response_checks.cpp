#include "core/net/response_checks.h"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

#include "core/net/network_error.h"

namespace tftsr::net {

namespace {
std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view skip_blank(std::string_view s) {
  std::size_t i = 0;
  if (s.substr(0, 3) == "\xEF\xBB\xBF") i = 3;  // a UTF-8 byte order mark
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  return s.substr(i);
}

std::string collapsed(std::string_view s, std::size_t limit) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (out.size() >= limit) {
      out += "…";
      break;
    }
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}
}  // namespace

bool looks_like_html(const HttpHeaders& headers, std::string_view body) {
  if (auto type = headers.get("content-type"); type && lower(*type).find("text/html") != std::string::npos) return true;
  const std::string head = lower(skip_blank(body).substr(0, 15));
  return head.rfind("<!doctype html", 0) == 0 || head.rfind("<html", 0) == 0 || head.rfind("<head", 0) == 0 ||
         head.rfind("<body", 0) == 0;
}

void expect_json(const HttpResponse& response, std::string_view service) {
  const std::string_view b = skip_blank(response.body);
  if (!b.empty() && (b.front() == '{' || b.front() == '['))
    return;
  const std::string who(service);
  if (looks_like_html(response.headers, response.body))
    throw NetworkError(NetworkFailure::UnexpectedContent,
                       who + " answered with an HTML page (\"" + body_excerpt(response.headers, response.body, 120) +
                           "\") where JSON was expected: check the URL and endpoint path, or a proxy or login page "
                           "in between",
                       response.status);
  throw NetworkError(NetworkFailure::UnexpectedContent,
                     who + " did not answer with JSON" +
                         (b.empty() ? std::string(" (the reply was empty)")
                                    : " (it began \"" + collapsed(b, 80) + "\")") +
                         ": check the URL and endpoint path",
                     response.status);
}

std::string body_excerpt(const HttpHeaders& headers, std::string_view body, std::size_t limit) {
  if (looks_like_html(headers, body)) {
    const std::string l = lower(body.substr(0, 1 << 16));
    auto open = l.find("<title");
    if (open != std::string::npos) {
      auto start = l.find('>', open);
      auto end = l.find("</title", open);
      if (start != std::string::npos && end != std::string::npos && end > start)
        return "HTML page: " + collapsed(body.substr(start + 1, end - start - 1), limit);
    }
    return "an HTML page";
  }
  // The message of the error documents services send: {"error":{"message":...}},
  // {"error":"..."}, {"message":...}, {"detail":...}.
  const auto json = nlohmann::json::parse(body.substr(0, 1 << 16), nullptr, false);
  if (json.is_object()) {
    const nlohmann::json* error = json.contains("error") ? &json["error"] : &json;
    if (error->is_string()) return collapsed(error->get<std::string>(), limit);
    if (error->is_object())
      for (const char* key : {"message", "detail"})
        if (error->contains(key) && (*error)[key].is_string()) return collapsed((*error)[key].get<std::string>(), limit);
  }
  return collapsed(body, limit);
}

}  // namespace tftsr::net
