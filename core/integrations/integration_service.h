#pragma once
// Integrations: settings and sealed credentials per service, OAuth sign-in, connection tests,
// documents published to Confluence (publishing again updates the same page), incidents
// mirrored as ServiceNow incidents or Azure DevOps work items. Every request passes the
// outbound gate (scanned, masked, audited with the SHA-256 of its body); every page or ticket
// created is recorded with the incident (pending before the request leaves, then done or failed)
// and appears on its timeline.
#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/integrations/integration_model.h"
#include "core/integrations/oauth_client.h"
#include "core/progress.h"

namespace tftsr {

class Database;
struct ServiceContext;
class IncidentService;
class DocumentService;
namespace net {
class OutboundGate;
}

namespace integrations {

struct StoredCredential;
class IntegrationTransport;

// Seals and opens secrets with the store's secret key (Triage::seal_secret / open_secret).
struct CredentialSealer {
  std::function<std::string(std::string_view plaintext)> seal;
  std::function<std::string(std::string_view sealed)> open;
};

struct PublishOptions {
  std::optional<std::string> space_key;  // none: the configured default space
  std::optional<std::string> parent_id;  // none: top level of the space
};

struct TicketOptions {
  std::string work_item_type = "Bug";  // Azure DevOps only
};

// What a publish or a ticket would send, as the outbound gate lets it leave (the findings masked),
// without sending or writing anything.
struct SendPreview {
  std::string title;  // the page title or the ticket's short description
  std::string text;   // the page's Markdown or the ticket's description
  std::size_t masked = 0;
  std::map<std::string, std::int64_t> masked_by_type;  // "Email" -> 2
};

struct PublishPreview {
  SendPreview sent;
  std::string space_key;                   // the space it goes to
  std::optional<IntegrationLink> updates;  // published before: this page gets a new version
};

class IntegrationService {
 public:
  IntegrationService(ServiceContext& ctx, IncidentService& incidents, DocumentService& documents,
                     CredentialSealer sealer, net::OutboundGate& gate);
  ~IntegrationService();

  // Checks (URL, OAuth endpoints) and stores; returns what was stored. Audited.
  IntegrationSettings configure(IntegrationSettings settings);
  // Error(NotFound) with the command to run when the service is not configured.
  IntegrationSettings settings(Service service);
  std::vector<IntegrationStatus> statuses();

  // An API token, password or personal access token; sealed, only its SHA-256 is audited.
  void set_token(Service service, const std::string& token);
  // OAuth authorization code with PKCE: opens the browser, waits for the redirect, stores the tokens.
  void sign_in(Service service, const BrowserOpener& open, std::chrono::milliseconds timeout,
               const Progress& progress = {});
  void forget_credential(Service service);

  ConnectionCheck test(Service service, const Progress& progress = {});

  std::vector<ConfluenceSpace> confluence_spaces(const Progress& progress = {});
  std::vector<ConfluencePage> confluence_search(const std::string& cql, const Progress& progress = {});
  // The gate's review of exactly the parts publish_document() sends; `options.space_key` as there
  // (none: the configured default).
  PublishPreview preview_publish(const std::string& document_id, const PublishOptions& options = {});
  PublishResult publish_document(const std::string& document_id, const PublishOptions& options,
                                 const Progress& progress = {});

  // The gate's review of exactly the parts create_ticket() sends (the same for both services).
  SendPreview preview_ticket(const std::string& incident_id);
  TicketResult create_ticket(Service service, const std::string& incident_id, const TicketOptions& options = {},
                             const Progress& progress = {});
  RemoteTicket ticket(Service service, const std::string& id, const Progress& progress = {});
  std::vector<RemoteTicket> search_tickets(Service service, const std::string& text, const Progress& progress = {});
  // A work note (ServiceNow) or a comment (Azure DevOps).
  void comment(Service service, const std::string& id, const std::string& text, const Progress& progress = {});
  // ServiceNow: state Resolved with the close code and the notes. Azure DevOps: the state named by
  // `close_code` (e.g. "Resolved", "Done"; processes differ) and the notes as a comment.
  RemoteTicket resolve_ticket(Service service, const std::string& id, const std::string& close_code,
                              const std::string& notes, const Progress& progress = {});

  std::vector<IntegrationLink> links(const std::string& incident_id);
  // For a new incident: a ticket in each service set to auto-create (a Bug in Azure DevOps). One
  // service failing does not stop the other; nothing is sent when none is set. Never throws: a
  // failure or a cancel is told in the service's entry.
  std::vector<AutomaticTicket> create_automatic_tickets(const std::string& incident_id, const Progress& progress = {});
  bool creates_tickets_automatically();

  // How soon before its expiry an OAuth access token is refreshed.
  static constexpr std::chrono::seconds kRefreshMargin{60};

 private:
  SendPreview preview(const std::string& title, const std::string& text) const;
  // The Authorization header; `sent_hash` becomes the SHA-256 of the access token it carries.
  std::string authorization(Service service, const IntegrationSettings& s, std::string& sent_hash,
                            const net::CancelCheck& cancelled);
  // Refreshes the OAuth access token unless another request already replaced `stale_hash`.
  bool refresh(Service service, const IntegrationSettings& s, const std::string& stale_hash,
               const net::CancelCheck& cancelled);
  // The service's refresh lock, waited for while watching `cancelled`.
  std::unique_lock<std::timed_mutex> lock_refresh(Service service, const net::CancelCheck& cancelled = {});
  void store_tokens(Service service, const OAuthTokens& tokens, const std::optional<std::string>& old_refresh);
  IntegrationTransport transport(Service service, const IntegrationSettings& s, const Progress& progress);
  TicketResult record_ticket(Service service, const std::string& incident_id,
                             const std::function<RemoteTicket(const std::function<void(Database&)>&)>& create);

  ServiceContext& ctx_;
  IncidentService& incidents_;
  DocumentService& documents_;
  CredentialSealer sealer_;
  net::OutboundGate& gate_;
  // One refresh at a time per service: a rotating refresh token is good for one use only, so a
  // second request racing the first must take the new token, not spend the old one again.
  // Settings changes take it too, so that a refresh under way never stores a token after its
  // credential was dropped for another host.
  std::array<std::timed_mutex, std::size(kServices)> refresh_locks_;
};

}  // namespace integrations

using integrations::IntegrationService;

}  // namespace tftsr
