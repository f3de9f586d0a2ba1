#pragma once
// The base URL a user types for a service, checked and normalised before it is stored: what
// people paste is often a page of the service (a Confluence space, a ServiceNow list, a work
// item), which would make every API path wrong.
#include <string>
#include <string_view>

#include "core/integrations/integration_model.h"

namespace tftsr::integrations {

// Whether a URL's host (with an optional port) is this machine: 127.x, ::1 or localhost.
bool is_loopback_host(std::string_view host_and_port);

// https with a host (plain http only to this machine, where nothing crosses a network); no query or fragment; the trailing slash dropped. The path allowed:
// ServiceNow none; Confluence its context path ("/wiki" on Cloud, e.g. "/confluence" on Data
// Center) but not a page or REST path; Azure DevOps the organisation ("/acme" on dev.azure.com,
// a collection on a server) but not a project page or an API path. Throws Error(InvalidInput)
// saying what to drop.
std::string normalize_base_url(Service service, std::string_view url);

// Percent-encodes everything but RFC 3986's unreserved characters.
std::string url_encode(std::string_view text);

}  // namespace tftsr::integrations
