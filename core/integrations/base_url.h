#pragma once
// The base URL a user types for a service, checked and normalised before it is stored: what
// people paste is often a page of the service (a Confluence space, a ServiceNow list, a work
// item), which would make every API path wrong.
#include <string>
#include <string_view>

#include "core/integrations/integration_model.h"

namespace tftsr::integrations {

// http(s) with a host; no query or fragment; the trailing slash dropped. The path allowed:
// ServiceNow none; Confluence its context path ("/wiki" on Cloud, e.g. "/confluence" on Data
// Center) but not a page or REST path; Azure DevOps the organisation ("/acme" on dev.azure.com,
// a collection on a server) but not a project page or an API path. Throws Error(InvalidInput)
// saying what to drop.
std::string normalize_base_url(Service service, std::string_view url);

// Percent-encodes everything but RFC 3986's unreserved characters.
std::string url_encode(std::string_view text);

}  // namespace tftsr::integrations
