#include "core/integrations/base_url.h"

#include <cctype>
#include <vector>

#include "core/error.h"

namespace tftsr::integrations {

namespace {
bool starts_with_ci(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  return true;
}

std::vector<std::string> segments(std::string_view path) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at < path.size()) {
    std::size_t next = path.find('/', at);
    if (next == std::string_view::npos) next = path.size();
    if (next > at) out.emplace_back(path.substr(at, next - at));
    at = next + 1;
  }
  return out;
}

[[noreturn]] void refuse(Service service, std::string_view url, const std::string& why, const std::string& example) {
  throw Error(ErrorKind::InvalidInput, std::string(service_name(service)) + " base URL \"" + std::string(url) +
                                           "\": " + why + " (for example " + example + ")");
}

std::string example(Service s) {
  switch (s) {
    case Service::Confluence: return "https://acme.atlassian.net/wiki or https://confluence.acme.com";
    case Service::ServiceNow: return "https://acme.service-now.com";
    case Service::AzureDevOps: return "https://dev.azure.com/acme";
  }
  return {};
}
}  // namespace

bool is_loopback_host(std::string_view host_and_port) {
  std::string_view host = host_and_port;
  if (!host.empty() && host.front() == '[') {
    host = host.substr(1, host.find(']') == std::string_view::npos ? host.size() - 1 : host.find(']') - 1);
  } else if (const std::size_t colon = host.rfind(':'); colon != std::string_view::npos) {
    host = host.substr(0, colon);
  }
  if (host == "localhost" || host == "::1") return true;
  // 127.0.0.0/8 written as an address, not a name that merely starts like one ("127.evil.com").
  return host.rfind("127.", 0) == 0 && host.find_first_not_of("0123456789.") == std::string_view::npos;
}

std::string normalize_base_url(Service service, std::string_view raw) {
  std::string_view url = raw;
  while (!url.empty() && std::isspace(static_cast<unsigned char>(url.front()))) url.remove_prefix(1);
  while (!url.empty() && std::isspace(static_cast<unsigned char>(url.back()))) url.remove_suffix(1);
  const std::string ex = example(service);
  if (url.empty()) refuse(service, raw, "it is empty", ex);
  std::string scheme;
  if (starts_with_ci(url, "https://")) scheme = "https://";
  else if (starts_with_ci(url, "http://")) scheme = "http://";
  else if (url.find("://") != std::string_view::npos) refuse(service, raw, "only http and https are supported", ex);
  else refuse(service, raw, "it has no scheme: start it with https://", ex);
  std::string_view rest = url.substr(scheme.size());
  if (rest.find_first_of("?#") != std::string_view::npos)
    refuse(service, raw, "drop the query string and anything after '?' or '#'", ex);
  if (rest.find_first_of(" \t\r\n\\") != std::string_view::npos) refuse(service, raw, "it contains white space", ex);
  const std::size_t slash = rest.find('/');
  std::string host(rest.substr(0, slash));
  if (host.empty() || host.find('@') != std::string::npos)
    refuse(service, raw, host.empty() ? "it has no host" : "put the user name in --username, not in the URL", ex);
  for (char& c : host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  // Tokens and passwords travel in every request: never in the clear beyond this machine.
  if (scheme == "http://" && !is_loopback_host(host))
    refuse(service, raw, "plain http would send the credentials unencrypted: use https", ex);
  const auto parts = slash == std::string_view::npos ? std::vector<std::string>{} : segments(rest.substr(slash));

  auto lower = [](std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  switch (service) {
    case Service::ServiceNow:
      if (!parts.empty())
        refuse(service, raw, "a ServiceNow base URL is the instance only: drop \"/" + parts.front() + "...\"", ex);
      break;
    case Service::Confluence:
      for (const auto& p : parts) {
        const std::string l = lower(p);
        if (l == "rest" || l == "spaces" || l == "display" || l == "pages" || l == "x" || l == "api")
          refuse(service, raw, "it points at a page or an API path: keep only the site (and \"/wiki\" on Cloud)", ex);
      }
      if (parts.size() > 1) refuse(service, raw, "it has a trailing path: keep only the site and its context path", ex);
      break;
    case Service::AzureDevOps:
      for (const auto& p : parts)
        if (!p.empty() && p.front() == '_')
          refuse(service, raw, "it points at a page or an API path (\"" + p + "\"): keep only the organisation", ex);
      if (host == "dev.azure.com" && parts.size() != 1)
        refuse(service, raw,
               parts.empty() ? std::string("name the organisation after the host")
                             : "it has a trailing path after the organisation: the project goes in --project",
               ex);
      if (host != "dev.azure.com" && parts.size() > 2)
        refuse(service, raw, "it has a trailing path: keep only the server and its collection", ex);
      break;
  }
  std::string out = lower(scheme) + host;
  for (const auto& p : parts) out += "/" + p;
  return out;
}

std::string url_encode(std::string_view text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size() * 3);
  for (unsigned char c : text) {
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

}  // namespace tftsr::integrations
