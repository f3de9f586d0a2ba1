#include "core/integrations/integration_model.h"

#include "core/error.h"

namespace tftsr::integrations {

std::string service_id(Service s) {
  switch (s) {
    case Service::Confluence: return "confluence";
    case Service::ServiceNow: return "servicenow";
    case Service::AzureDevOps: return "azuredevops";
  }
  return "confluence";
}

std::string service_name(Service s) {
  switch (s) {
    case Service::Confluence: return "Confluence";
    case Service::ServiceNow: return "ServiceNow";
    case Service::AzureDevOps: return "Azure DevOps";
  }
  return "Confluence";
}

Service parse_service(std::string_view text) {
  for (Service s : kServices)
    if (text == service_id(s)) return s;
  throw Error(ErrorKind::InvalidInput,
              "unknown service \"" + std::string(text) + "\": use confluence, servicenow or azuredevops");
}

}  // namespace tftsr::integrations
