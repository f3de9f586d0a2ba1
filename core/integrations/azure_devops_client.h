#pragma once
// Azure DevOps work items (REST 7.x): connection test, WIQL search, create through JSON Patch,
// get, update, and comments (still a preview API: 7.0-preview.3).
#include <string>
#include <vector>

#include "core/integrations/integration_transport.h"

namespace tftsr::integrations {

struct WorkItemDraft {
  std::string type = "Bug";  // one of kWorkItemTypes
  std::string title;
  std::string description;  // plain text; sent as HTML paragraphs
  std::string severity;     // P1..P4
};

// "1 - Critical" .. "4 - Low".
std::string azure_devops_severity(const std::string& severity);
// A string literal for WIQL: quoted with ' and every ' inside doubled.
std::string wiql_string(const std::string& text);

class AzureDevOpsClient {
 public:
  AzureDevOpsClient(IntegrationTransport& transport, std::string base_url, std::string project)
      : t_(transport), base_(std::move(base_url)), project_(std::move(project)) {}

  ConnectionCheck test();
  // Work items of the project whose title contains `text`, newest first.
  std::vector<RemoteTicket> search(const std::string& text, int limit = 20);
  RemoteTicket create(const WorkItemDraft& draft, const net::SendRecorder& record);
  RemoteTicket get(const std::string& id);
  RemoteTicket set_state(const std::string& id, const std::string& state);
  void comment(const std::string& id, const std::string& text);

 private:
  RemoteTicket item_from(const nlohmann::json& j) const;
  std::string project_api(const std::string& path) const;
  std::string org_api(const std::string& path) const { return base_ + "/_apis" + path; }

  IntegrationTransport& t_;
  std::string base_;
  std::string project_;
};

}  // namespace tftsr::integrations
