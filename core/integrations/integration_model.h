#pragma once
// Plain values of the integrations: which service, how it signs in, what it created.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tftsr::integrations {

enum class Service { Confluence, ServiceNow, AzureDevOps };
inline constexpr Service kServices[] = {Service::Confluence, Service::ServiceNow, Service::AzureDevOps};

// "confluence", "servicenow", "azuredevops": the seed's spelling, used in the store and the CLI.
std::string service_id(Service s);
std::string service_name(Service s);  // "Confluence", "ServiceNow", "Azure DevOps"
// Throws Error(InvalidInput) naming the accepted spellings.
Service parse_service(std::string_view text);

// Token: an API token (Confluence), a password (ServiceNow, with the user name) or a personal
// access token (Azure DevOps). OAuth: authorization code with PKCE, refreshed as needed.
enum class AuthKind { Token, OAuth };

struct OAuthSettings {
  std::string client_id;
  std::string authorize_url;
  std::string token_url;
  std::string scope;      // space-separated; may be empty
  int redirect_port = 0;  // 0: an ephemeral port
};

// A row of integration_config.
struct IntegrationSettings {
  Service service = Service::Confluence;
  std::string base_url;  // normalised: scheme and host (and the context path), no trailing slash
  std::optional<std::string> username;  // Confluence Cloud e-mail, ServiceNow user
  std::optional<std::string> project;   // Azure DevOps
  std::optional<std::string> space_key; // Confluence default space
  bool auto_create = false;
  AuthKind auth = AuthKind::Token;
  OAuthSettings oauth;
};

struct IntegrationStatus {
  Service service = Service::Confluence;
  bool configured = false;
  bool has_credential = false;
  std::optional<std::string> base_url;
  std::optional<std::string> expires_at;  // OAuth access token, YYYY-MM-DD HH:MM:SS UTC
  bool auto_create = false;
};

struct ConnectionCheck {
  Service service = Service::Confluence;
  std::string host;
  std::string summary;  // "signed in as jane@example.com", "project Payments"
};

struct ConfluenceSpace {
  std::string key;
  std::string name;
};

struct ConfluencePage {
  std::string id;
  std::string title;
  std::int64_t version = 0;
  std::string url;  // for people
};

struct RemoteTicket {
  Service service = Service::ServiceNow;
  std::string id;   // sys_id, or the work item id
  std::string key;  // INC0010001, or the work item id
  std::string title;
  std::string state;
  std::string url;  // for people
};

// A page or ticket created from an incident (integration_links).
struct IntegrationLink {
  std::string id;
  std::string incident_id;
  std::optional<std::string> document_id;
  Service service = Service::Confluence;
  std::string kind;    // page | ticket
  std::string status;  // pending | done | failed
  std::optional<std::string> remote_id;
  std::optional<std::string> remote_key;
  std::optional<std::string> url;
  std::optional<std::int64_t> remote_version;
  std::optional<std::string> space_key;
  std::optional<std::string> error;
  std::string created_at;
  std::string updated_at;
};

struct PublishResult {
  ConfluencePage page;
  bool updated = false;  // an existing page got a new version
  std::string link_id;
};

struct TicketResult {
  RemoteTicket ticket;
  std::string link_id;
};

// A ticket made because its service is set to create one for every new incident.
struct AutomaticTicket {
  Service service = Service::ServiceNow;
  std::optional<TicketResult> created;
  std::string error;  // why it was not created (the attempt is kept as a failed link)
};

// Work item types Azure DevOps offers in its standard processes.
inline constexpr const char* kWorkItemTypes[] = {"Bug", "Task", "User Story", "Issue", "Incident"};

}  // namespace tftsr::integrations
