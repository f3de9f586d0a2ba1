#include "core/integrations/integration_service.h"

#include <ctime>
#include <memory>

#include <nlohmann/json.hpp>

#include "core/crypto/base64.h"
#include "core/crypto/sha256.h"
#include "core/docs/document_service.h"
#include "core/error.h"
#include "core/incidents/incident_service.h"
#include "core/integrations/azure_devops_client.h"
#include "core/integrations/base_url.h"
#include "core/integrations/confluence_client.h"
#include "core/integrations/integration_repository.h"
#include "core/integrations/integration_transport.h"
#include "core/integrations/servicenow_client.h"
#include "core/journal/journal.h"
#include "core/net/http_url.h"
#include "core/service_context.h"
#include "core/store/database.h"

namespace tftsr::integrations {

namespace {
using nlohmann::json;

std::string utc_text(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  return buf;
}

std::string utc_in(std::chrono::seconds from_now) {
  return utc_text(std::chrono::system_clock::to_time_t(std::chrono::system_clock::now() + from_now));
}

std::string set_command(Service s) { return "`tftsr integration set " + std::string(service_id(s)) + " ...`"; }

// What a ticket says about the incident: its description, then the facts and the 5 Whys.
std::string ticket_description(const IncidentDetail& d) {
  const Incident& i = d.incident;
  std::string out = i.description.value_or("");
  if (!out.empty()) out += "\n\n";
  out += "Severity: " + i.severity + "\nStatus: " + i.status;
  if (i.category) out += "\nDomain: " + *i.category;
  bool any = false;
  for (const auto& step : d.resolution_steps) {
    if (!any) out += "\n\n5 Whys:";
    any = true;
    out += "\n" + std::to_string(step.step_order) + ". " + step.why_question;
    if (step.answer && !step.answer->empty()) out += "\n   " + *step.answer;
  }
  return out;
}
}  // namespace

IntegrationService::IntegrationService(ServiceContext& ctx, IncidentService& incidents, DocumentService& documents,
                                       CredentialSealer sealer, net::OutboundGate& gate)
    : ctx_(ctx), incidents_(incidents), documents_(documents), sealer_(std::move(sealer)), gate_(gate) {}

IntegrationService::~IntegrationService() = default;

IntegrationSettings IntegrationService::configure(IntegrationSettings s) {
  s.base_url = normalize_base_url(s.service, s.base_url);
  auto blank = [](std::optional<std::string>& v) {
    if (v && v->find_first_not_of(" \t") == std::string::npos) v.reset();
  };
  blank(s.username);
  blank(s.project);
  blank(s.space_key);
  if (s.auth == AuthKind::OAuth) check_oauth_settings(s.service, s.oauth);
  if (s.service == Service::AzureDevOps && !s.project)
    throw Error(ErrorKind::InvalidInput, "Azure DevOps needs the project the work items go to (--project NAME)");
  if (s.auto_create && s.service == Service::Confluence)
    throw Error(ErrorKind::InvalidInput, "Confluence holds pages, not tickets: only ServiceNow and Azure DevOps can "
                                         "create a ticket for every new incident");
  const auto refreshing = lock_refresh(s.service);
  ServiceLock lock(ctx_.mutex);
  Transaction tx(ctx_.db);
  IntegrationRepository repo(ctx_.db);
  // A credential belongs to a site and a way of signing in: it must never be sent to another
  // host, nor an API token as an OAuth bearer.
  const auto before = repo.settings(s.service);
  const bool forget_credential = before && (net::display_host(before->base_url) != net::display_host(s.base_url) ||
                                            before->auth != s.auth || before->username != s.username);
  if (forget_credential) repo.remove_credential(s.service);
  repo.save_settings(s);
  json details = {{"service", service_id(s.service)},
                  {"host", net::display_host(s.base_url)},
                  {"auth", s.auth == AuthKind::OAuth ? "oauth" : "token"},
                  {"auto_create", s.auto_create},
                  {"credential_removed", forget_credential}};
  ctx_.journal.audit("integration_configured", "integration", std::string(service_id(s.service)), details.dump());
  tx.commit();
  return s;
}

// On the writer, not read_committed: the requests take their host from here, and must see a change
// of host being stored together with the credential it removes.
IntegrationSettings IntegrationService::settings(Service service) {
  ServiceLock lock(ctx_.mutex);
  auto s = IntegrationRepository(ctx_.db).settings(service);
  if (!s)
    throw Error(ErrorKind::NotFound,
                std::string(service_name(service)) + " is not set up yet: " + set_command(service) + " first");
  return *s;
}

std::vector<IntegrationStatus> IntegrationService::statuses() {
  return read_committed(ctx_, [](Database& db) {
    IntegrationRepository repo(db);
    std::vector<IntegrationStatus> out;
    for (Service s : kServices) {
      IntegrationStatus st;
      st.service = s;
      if (auto cfg = repo.settings(s)) {
        st.configured = true;
        st.base_url = cfg->base_url;
        st.auto_create = cfg->auto_create;
      }
      if (auto c = repo.credential(s)) {
        st.has_credential = true;
        st.expires_at = c->expires_at;
      }
      out.push_back(st);
    }
    return out;
  });
}

void IntegrationService::set_token(Service service, const std::string& token) {
  std::string t = token;
  while (!t.empty() && (t.back() == '\n' || t.back() == '\r' || t.back() == ' ')) t.pop_back();
  if (t.empty()) throw Error(ErrorKind::InvalidInput, "the token for " + std::string(service_name(service)) + " is empty");
  if (t.find_first_of("\r\n") != std::string::npos)
    throw Error(ErrorKind::InvalidInput, "the token has a line break inside: give the token alone");
  settings(service);  // configured first
  StoredCredential c{sha256_hex(t), sealer_.seal(t), std::nullopt, std::nullopt};
  ServiceLock lock(ctx_.mutex);
  Transaction tx(ctx_.db);
  IntegrationRepository(ctx_.db).save_credential(service, c);
  // ServiceNow's is a password people chose: its plain SHA-256 in an exported audit could be
  // matched against a dictionary, so only the high-entropy API tokens are identified by hash.
  json details{{"kind", service == Service::ServiceNow ? "password" : "token"}};
  if (service != Service::ServiceNow) details["token_sha256"] = c.token_hash;
  ctx_.journal.audit("integration_credential_set", "integration", std::string(service_id(service)), details.dump());
  tx.commit();
}

void IntegrationService::store_tokens(Service service, const OAuthTokens& tokens,
                                      const std::optional<std::string>& old_refresh) {
  StoredCredential c;
  c.token_hash = sha256_hex(tokens.access_token);
  c.sealed_token = sealer_.seal(tokens.access_token);
  if (tokens.refresh_token) c.sealed_refresh_token = sealer_.seal(*tokens.refresh_token);
  else if (old_refresh) c.sealed_refresh_token = sealer_.seal(*old_refresh);  // servers may keep the old one valid
  if (tokens.expires_in) c.expires_at = utc_in(std::chrono::seconds(*tokens.expires_in));
  ServiceLock lock(ctx_.mutex);
  Transaction tx(ctx_.db);
  IntegrationRepository(ctx_.db).save_credential(service, c);
  ctx_.journal.audit("integration_credential_set", "integration", std::string(service_id(service)),
                     json{{"kind", "oauth"}, {"token_sha256", c.token_hash}, {"expires_at", c.expires_at.value_or("")}}
                         .dump());
  tx.commit();
}

void IntegrationService::sign_in(Service service, const BrowserOpener& open, std::chrono::milliseconds timeout,
                                 const Progress& progress) {
  IntegrationSettings s = settings(service);
  if (s.auth != AuthKind::OAuth)
    throw Error(ErrorKind::InvalidInput, std::string(service_name(service)) +
                                             " is set up with a token, not OAuth: " + set_command(service) +
                                             " with --oauth and the client id and endpoints");
  progress.update(0.1, "waiting for the browser");
  OAuthTokens t = OAuthClient(gate_, service, s.oauth).sign_in(open, timeout, progress.cancelled);
  store_tokens(service, t, std::nullopt);
  progress.update(1.0, "signed in");
}

void IntegrationService::forget_credential(Service service) {
  const auto refreshing = lock_refresh(service);
  ServiceLock lock(ctx_.mutex);
  Transaction tx(ctx_.db);
  IntegrationRepository(ctx_.db).remove_credential(service);
  ctx_.journal.audit("integration_credential_removed", "integration", std::string(service_id(service)));
  tx.commit();
}

std::unique_lock<std::timed_mutex> IntegrationService::lock_refresh(Service service, const net::CancelCheck& cancelled) {
  std::unique_lock lock(refresh_locks_.at(static_cast<std::size_t>(service)), std::defer_lock);
  while (!lock.try_lock_for(std::chrono::milliseconds(50)))
    if (cancelled && cancelled()) throw Error(ErrorKind::Cancelled, "cancelled while another request renewed the sign-in");
  return lock;
}

bool IntegrationService::refresh(Service service, const IntegrationSettings& s, const std::string& stale_hash,
                                 const net::CancelCheck& cancelled) {
  if (s.auth != AuthKind::OAuth) return false;
  const auto refreshing = lock_refresh(service, cancelled);
  std::optional<StoredCredential> c;
  {
    ServiceLock lock(ctx_.mutex);
    c = IntegrationRepository(ctx_.db).credential(service);
  }
  if (c && c->token_hash != stale_hash) return true;  // refreshed meanwhile by another request
  if (!c || !c->sealed_refresh_token) return false;
  const std::string refresh_token = sealer_.open(*c->sealed_refresh_token);
  store_tokens(service, OAuthClient(gate_, service, s.oauth).refresh(refresh_token, cancelled), refresh_token);
  return true;
}

std::string IntegrationService::authorization(Service service, const IntegrationSettings& s, std::string& sent_hash,
                                              const net::CancelCheck& cancelled) {
  std::optional<StoredCredential> c;
  {
    ServiceLock lock(ctx_.mutex);
    c = IntegrationRepository(ctx_.db).credential(service);
  }
  const std::string name(service_name(service));
  if (!c)
    throw Error(ErrorKind::InvalidInput, "no credential is stored for " + name + ": " + set_command(service) +
                                             (s.auth == AuthKind::OAuth ? " --oauth to sign in" : " with --token-env or --token-file"));
  if (s.auth == AuthKind::OAuth) {
    if (c->expires_at && *c->expires_at <= utc_in(kRefreshMargin)) {
      if (!c->sealed_refresh_token)
        throw Error(ErrorKind::InvalidInput, "the sign-in to " + name + " expired at " + *c->expires_at +
                                                 " UTC and the server gave no refresh token: sign in again (" +
                                                 set_command(service) + " --oauth)");
      refresh(service, s, c->token_hash, cancelled);
      ServiceLock lock(ctx_.mutex);
      c = IntegrationRepository(ctx_.db).credential(service);
      if (!c) throw Error(ErrorKind::InvalidInput, "the sign-in to " + name + " was removed: " + set_command(service) + " --oauth");
    }
    sent_hash = c->token_hash;
    return "Bearer " + sealer_.open(c->sealed_token);
  }
  sent_hash = c->token_hash;
  const std::string token = sealer_.open(c->sealed_token);
  if (service == Service::AzureDevOps) return "Basic " + base64_encode(":" + token);  // a PAT, no user name
  if (s.username) return "Basic " + base64_encode(*s.username + ":" + token);
  return "Bearer " + token;  // a Data Center personal access token
}

IntegrationTransport IntegrationService::transport(Service service, const IntegrationSettings& s,
                                                   const Progress& progress) {
  auto sent_hash = std::make_shared<std::string>();  // the token the last request carried
  const net::CancelCheck cancelled = progress.cancelled;
  AuthSource auth{[this, service, s, sent_hash, cancelled] { return authorization(service, s, *sent_hash, cancelled); },
                  [this, service, s, sent_hash, cancelled] { return refresh(service, s, *sent_hash, cancelled); }};
  return IntegrationTransport(gate_, service, std::move(auth), progress.cancelled);
}

ConnectionCheck IntegrationService::test(Service service, const Progress& progress) {
  IntegrationSettings s = settings(service);
  IntegrationTransport t = transport(service, s, progress);
  ConnectionCheck check;
  switch (service) {
    case Service::Confluence: check = ConfluenceClient(t, s.base_url).test(); break;
    case Service::ServiceNow: check = ServiceNowClient(t, s.base_url).test(); break;
    case Service::AzureDevOps: check = AzureDevOpsClient(t, s.base_url, s.project.value_or("")).test(); break;
  }
  if (s.username) check.summary += " (as " + *s.username + ")";
  return check;
}

std::vector<ConfluenceSpace> IntegrationService::confluence_spaces(const Progress& progress) {
  IntegrationSettings s = settings(Service::Confluence);
  IntegrationTransport t = transport(Service::Confluence, s, progress);
  return ConfluenceClient(t, s.base_url).spaces();
}

std::vector<ConfluencePage> IntegrationService::confluence_search(const std::string& cql, const Progress& progress) {
  IntegrationSettings s = settings(Service::Confluence);
  IntegrationTransport t = transport(Service::Confluence, s, progress);
  return ConfluenceClient(t, s.base_url).search(cql);
}

SendPreview IntegrationService::preview(const std::string& title, const std::string& text) const {
  // The parts and the gate settings (no keeps, type tags) the service clients send with.
  const net::Review r = gate_.review({net::BodyPart::typed(title), net::BodyPart::typed(text)}, {});
  return {r.parts.at(0).text, r.parts.at(1).text, r.masked(), r.masked_by_type()};
}

PublishPreview IntegrationService::preview_publish(const std::string& document_id, const PublishOptions& options) {
  Document doc = documents_.get(document_id);
  IntegrationSettings s = settings(Service::Confluence);
  PublishPreview out;
  out.sent = preview(doc.title, doc.content_md);
  out.space_key = options.space_key.value_or(s.space_key.value_or(""));
  if (!out.space_key.empty()) {
    ServiceLock lock(ctx_.mutex);
    out.updates = IntegrationRepository(ctx_.db).published_page(doc.id, doc.issue_id, doc.doc_type, out.space_key);
  }
  return out;
}

PublishResult IntegrationService::publish_document(const std::string& document_id, const PublishOptions& options,
                                                   const Progress& progress) {
  Document doc = documents_.get(document_id);
  IntegrationSettings s = settings(Service::Confluence);
  const std::string space_key = options.space_key.value_or(s.space_key.value_or(""));
  if (space_key.empty())
    throw Error(ErrorKind::InvalidInput, "name the Confluence space to publish to (--space KEY), or set a default one");
  IntegrationTransport t = transport(Service::Confluence, s, progress);
  ConfluenceClient client(t, s.base_url);
  progress.update(0.1, "checking the space");
  client.space(space_key);
  progress.throw_if_cancelled();

  std::optional<IntegrationLink> earlier;
  {
    ServiceLock lock(ctx_.mutex);
    earlier = IntegrationRepository(ctx_.db).published_page(doc.id, doc.issue_id, doc.doc_type, space_key);
  }
  std::optional<ConfluencePage> current;
  if (earlier) {
    progress.update(0.3, "reading the published page");
    try {
      current = client.page(*earlier->remote_id);
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::NotFound) throw;  // deleted in Confluence: publish a new page
    }
  }

  std::string link_id;
  IntegrationLink pending;
  pending.incident_id = doc.issue_id;
  pending.document_id = doc.id;
  pending.service = Service::Confluence;
  pending.kind = "page";
  pending.space_key = space_key;
  if (current) {
    pending.remote_id = current->id;
    pending.url = current->url;
  }
  auto record = [&](Database& db, const net::SendRecord&) {
    if (link_id.empty()) link_id = IntegrationRepository(db).add_link(pending).id;
  };
  progress.update(0.5, current ? "updating the page" : "creating the page");
  ConfluencePage page;
  try {
    page = current ? client.update_page(current->id, current->version, doc.title, doc.content_md, record)
                   : client.create_page(space_key, options.parent_id, doc.title, doc.content_md, record);
  } catch (const std::exception& e) {
    if (!link_id.empty()) {
      ServiceLock lock(ctx_.mutex);
      IntegrationRepository(ctx_.db).fail_link(link_id, e.what());
    }
    throw;
  }
  {
    ServiceLock lock(ctx_.mutex);
    Transaction tx(ctx_.db);
    IntegrationRepository(ctx_.db).finish_link(link_id, page.id, page.id, page.url, page.version);
    const std::string what = doc.doc_type == "rca" ? "RCA" : "Post-mortem";
    ctx_.journal.event(doc.issue_id, "document_published",
                       what + (current ? " updated on" : " published to") + " Confluence page " + page.id +
                           " (version " + std::to_string(page.version) + ")",
                       json{{"service", "confluence"},
                            {"document_id", doc.id},
                            {"space", space_key},
                            {"page_id", page.id},
                            {"version", page.version},
                            {"url", page.url}}
                           .dump());
    tx.commit();
  }
  progress.update(1.0, "published");
  return {page, current.has_value(), link_id};
}

TicketResult IntegrationService::record_ticket(
    Service service, const std::string& incident_id,
    const std::function<RemoteTicket(const std::function<void(Database&)>&)>& create) {
  std::string link_id;
  IntegrationLink pending;
  pending.incident_id = incident_id;
  pending.service = service;
  pending.kind = "ticket";
  auto add = [&](Database& db) {
    if (link_id.empty()) link_id = IntegrationRepository(db).add_link(pending).id;
  };
  RemoteTicket ticket;
  try {
    ticket = create(add);
  } catch (const std::exception& e) {
    if (!link_id.empty()) {
      ServiceLock lock(ctx_.mutex);
      IntegrationRepository(ctx_.db).fail_link(link_id, e.what());
    }
    throw;
  }
  ServiceLock lock(ctx_.mutex);
  Transaction tx(ctx_.db);
  IntegrationRepository(ctx_.db).finish_link(link_id, ticket.id, ticket.key, ticket.url, std::nullopt);
  const std::string what = service == Service::ServiceNow ? "ServiceNow incident " : "Azure DevOps work item ";
  ctx_.journal.event(incident_id, "ticket_created", what + ticket.key + " created",
                     json{{"service", service_id(service)}, {"id", ticket.id}, {"key", ticket.key}, {"url", ticket.url}}
                         .dump());
  tx.commit();
  return {ticket, link_id};
}

SendPreview IntegrationService::preview_ticket(const std::string& incident_id) {
  IncidentDetail d = incidents_.get(incident_id);
  return preview(d.incident.title, ticket_description(d));
}

TicketResult IntegrationService::create_ticket(Service service, const std::string& incident_id,
                                               const TicketOptions& options, const Progress& progress) {
  if (service == Service::Confluence)
    throw Error(ErrorKind::InvalidInput, "Confluence holds pages, not tickets: use servicenow or azuredevops");
  IncidentDetail d = incidents_.get(incident_id);
  IntegrationSettings s = settings(service);
  IntegrationTransport t = transport(service, s, progress);
  progress.update(0.2, "creating the ticket");
  const std::string description = ticket_description(d);
  TicketResult r = record_ticket(service, d.incident.id, [&](const std::function<void(Database&)>& add) {
    auto record = [&](Database& db, const net::SendRecord&) { add(db); };
    if (service == Service::ServiceNow)
      return ServiceNowClient(t, s.base_url)
          .create({d.incident.title, description, d.incident.severity, d.incident.category.value_or("")}, record);
    return AzureDevOpsClient(t, s.base_url, s.project.value_or(""))
        .create({options.work_item_type, d.incident.title, description, d.incident.severity}, record);
  });
  progress.update(1.0, "created");
  return r;
}

RemoteTicket IntegrationService::ticket(Service service, const std::string& id, const Progress& progress) {
  IntegrationSettings s = settings(service);
  IntegrationTransport t = transport(service, s, progress);
  if (service == Service::ServiceNow) return ServiceNowClient(t, s.base_url).get(id);
  if (service == Service::AzureDevOps) return AzureDevOpsClient(t, s.base_url, s.project.value_or("")).get(id);
  throw Error(ErrorKind::InvalidInput, "Confluence holds pages, not tickets: use servicenow or azuredevops");
}

std::vector<RemoteTicket> IntegrationService::search_tickets(Service service, const std::string& text,
                                                             const Progress& progress) {
  if (text.empty()) throw Error(ErrorKind::InvalidInput, "the search text is empty");
  IntegrationSettings s = settings(service);
  IntegrationTransport t = transport(service, s, progress);
  if (service == Service::ServiceNow) return ServiceNowClient(t, s.base_url).search(text);
  if (service == Service::AzureDevOps) return AzureDevOpsClient(t, s.base_url, s.project.value_or("")).search(text);
  throw Error(ErrorKind::InvalidInput, "to search Confluence, use a CQL search");
}

void IntegrationService::comment(Service service, const std::string& id, const std::string& text,
                                 const Progress& progress) {
  IntegrationSettings s = settings(service);
  IntegrationTransport t = transport(service, s, progress);
  if (service == Service::ServiceNow) {
    ServiceNowClient(t, s.base_url).add_work_note(id, text);
    return;
  }
  if (service == Service::AzureDevOps) {
    AzureDevOpsClient(t, s.base_url, s.project.value_or("")).comment(id, text);
    return;
  }
  throw Error(ErrorKind::InvalidInput, "Confluence pages take no comments here: use servicenow or azuredevops");
}

RemoteTicket IntegrationService::resolve_ticket(Service service, const std::string& id, const std::string& close_code,
                                                const std::string& notes, const Progress& progress) {
  IntegrationSettings s = settings(service);
  IntegrationTransport t = transport(service, s, progress);
  if (service == Service::ServiceNow) return ServiceNowClient(t, s.base_url).resolve(id, close_code, notes);
  if (service == Service::AzureDevOps) {
    AzureDevOpsClient client(t, s.base_url, s.project.value_or(""));
    if (!notes.empty()) client.comment(id, notes);
    return client.set_state(id, close_code.empty() ? "Resolved" : close_code);
  }
  throw Error(ErrorKind::InvalidInput, "Confluence pages are not resolved: use servicenow or azuredevops");
}

std::vector<IntegrationLink> IntegrationService::links(const std::string& incident_id) {
  return read_committed(ctx_, [&](Database& db) { return IntegrationRepository(db).links(incident_id); });
}

namespace {
std::vector<Service> automatic_ticket_services(Database& db) {
  std::vector<Service> out;
  IntegrationRepository repo(db);
  for (Service s : {Service::ServiceNow, Service::AzureDevOps})
    if (auto cfg = repo.settings(s); cfg && cfg->auto_create) out.push_back(s);
  return out;
}
}  // namespace

bool IntegrationService::creates_tickets_automatically() {
  return read_committed(ctx_, [](Database& db) { return !automatic_ticket_services(db).empty(); });
}

std::vector<AutomaticTicket> IntegrationService::create_automatic_tickets(const std::string& incident_id,
                                                                          const Progress& progress) {
  std::vector<Service> services;
  {
    ServiceLock lock(ctx_.mutex);
    services = automatic_ticket_services(ctx_.db);
  }
  // Never throws for a service's answer, nor for a cancel: the incident exists either way and the
  // caller must still be able to show it.
  std::vector<AutomaticTicket> out;
  for (Service service : services) {
    AutomaticTicket t;
    t.service = service;
    if (progress.cancelled && progress.cancelled()) {
      t.error = "cancelled before it was sent";
    } else {
      try {
        t.created = create_ticket(service, incident_id, {}, progress);
      } catch (const std::exception& e) {
        t.error = e.what();
      }
    }
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace tftsr::integrations
