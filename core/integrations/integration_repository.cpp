#include "core/integrations/integration_repository.h"

#include "core/crypto/uuid.h"
#include "core/store/database.h"

namespace tftsr::integrations {

namespace {
constexpr const char* kLinkColumns =
    "id, issue_id, document_id, service, kind, status, remote_id, remote_key, url, remote_version, space_key, error, "
    "created_at, updated_at";

IntegrationLink link_from(Statement& st) {
  IntegrationLink l;
  l.id = st.text(0);
  l.incident_id = st.text(1);
  l.document_id = st.optional_text(2);
  l.service = parse_service(st.text(3));
  l.kind = st.text(4);
  l.status = st.text(5);
  l.remote_id = st.optional_text(6);
  l.remote_key = st.optional_text(7);
  l.url = st.optional_text(8);
  if (!st.is_null(9)) l.remote_version = st.integer(9);
  l.space_key = st.optional_text(10);
  l.error = st.optional_text(11);
  l.created_at = st.text(12);
  l.updated_at = st.text(13);
  return l;
}
}  // namespace

void IntegrationRepository::save_settings(const IntegrationSettings& s) {
  db_.prepare(
         "INSERT INTO integration_config (id, service, base_url, username, project_name, space_key, "
         "auto_create_enabled, updated_at, auth_kind, oauth_client_id, oauth_authorize_url, oauth_token_url, "
         "oauth_scope, oauth_redirect_port) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
         "ON CONFLICT(service) DO UPDATE SET base_url=excluded.base_url, username=excluded.username, "
         "project_name=excluded.project_name, space_key=excluded.space_key, "
         "auto_create_enabled=excluded.auto_create_enabled, updated_at=excluded.updated_at, "
         "auth_kind=excluded.auth_kind, oauth_client_id=excluded.oauth_client_id, "
         "oauth_authorize_url=excluded.oauth_authorize_url, oauth_token_url=excluded.oauth_token_url, "
         "oauth_scope=excluded.oauth_scope, oauth_redirect_port=excluded.oauth_redirect_port")
      .bind(1, uuid_v7())
      .bind(2, service_id(s.service))
      .bind(3, s.base_url)
      .bind(4, s.username)
      .bind(5, s.project)
      .bind(6, s.space_key)
      .bind(7, s.auto_create ? 1 : 0)
      .bind(8, utc_now_text())
      .bind(9, s.auth == AuthKind::OAuth ? "oauth" : "token")
      .bind(10, s.oauth.client_id)
      .bind(11, s.oauth.authorize_url)
      .bind(12, s.oauth.token_url)
      .bind(13, s.oauth.scope)
      .bind(14, s.oauth.redirect_port)
      .run();
}

std::optional<IntegrationSettings> IntegrationRepository::settings(Service service) {
  auto st = db_.prepare(
      "SELECT base_url, username, project_name, space_key, auto_create_enabled, auth_kind, oauth_client_id, "
      "oauth_authorize_url, oauth_token_url, oauth_scope, oauth_redirect_port FROM integration_config WHERE service = ?");
  st.bind(1, service_id(service));
  if (!st.step()) return std::nullopt;
  IntegrationSettings s;
  s.service = service;
  s.base_url = st.text(0);
  s.username = st.optional_text(1);
  s.project = st.optional_text(2);
  s.space_key = st.optional_text(3);
  s.auto_create = st.integer(4) != 0;
  s.auth = st.text(5) == "oauth" ? AuthKind::OAuth : AuthKind::Token;
  s.oauth.client_id = st.optional_text(6).value_or("");
  s.oauth.authorize_url = st.optional_text(7).value_or("");
  s.oauth.token_url = st.optional_text(8).value_or("");
  s.oauth.scope = st.optional_text(9).value_or("");
  s.oauth.redirect_port = static_cast<int>(st.integer(10));
  return s;
}

void IntegrationRepository::save_credential(Service service, const StoredCredential& c) {
  db_.prepare(
         "INSERT INTO credentials (id, service, token_hash, encrypted_token, created_at, expires_at, "
         "encrypted_refresh_token) VALUES (?,?,?,?,?,?,?) ON CONFLICT(service) DO UPDATE SET "
         "token_hash=excluded.token_hash, encrypted_token=excluded.encrypted_token, created_at=excluded.created_at, "
         "expires_at=excluded.expires_at, encrypted_refresh_token=excluded.encrypted_refresh_token")
      .bind(1, uuid_v7())
      .bind(2, service_id(service))
      .bind(3, c.token_hash)
      .bind(4, c.sealed_token)
      .bind(5, utc_now_text())
      .bind(6, c.expires_at)
      .bind(7, c.sealed_refresh_token)
      .run();
}

std::optional<StoredCredential> IntegrationRepository::credential(Service service) {
  auto st = db_.prepare(
      "SELECT token_hash, encrypted_token, encrypted_refresh_token, expires_at FROM credentials WHERE service = ?");
  st.bind(1, service_id(service));
  if (!st.step()) return std::nullopt;
  return StoredCredential{st.text(0), st.text(1), st.optional_text(2), st.optional_text(3)};
}

void IntegrationRepository::remove_credential(Service service) {
  db_.prepare("DELETE FROM credentials WHERE service = ?").bind(1, service_id(service)).run();
}

IntegrationLink IntegrationRepository::add_link(const IntegrationLink& in) {
  IntegrationLink l = in;
  l.id = uuid_v7();
  l.status = "pending";
  l.created_at = l.updated_at = utc_now_text();
  db_.prepare(
         "INSERT INTO integration_links (id, issue_id, document_id, doc_type, service, kind, status, remote_id, "
         "remote_key, url, remote_version, space_key, created_at, updated_at) "
         "VALUES (?,?,?,(SELECT doc_type FROM documents WHERE id = ?3),?,?,?,?,?,?,?,?,?,?)")
      .bind(1, l.id)
      .bind(2, l.incident_id)
      .bind(3, l.document_id)
      .bind(4, service_id(l.service))
      .bind(5, l.kind)
      .bind(6, l.status)
      .bind(7, l.remote_id)
      .bind(8, l.remote_key)
      .bind(9, l.url)
      .bind(10, l.remote_version ? std::optional<std::string>(std::to_string(*l.remote_version)) : std::nullopt)
      .bind(11, l.space_key)
      .bind(12, l.created_at)
      .bind(13, l.updated_at)
      .run();
  return l;
}

void IntegrationRepository::finish_link(const std::string& id, const std::string& remote_id,
                                        const std::string& remote_key, const std::string& url,
                                        std::optional<std::int64_t> version) {
  auto st = db_.prepare(
      "UPDATE integration_links SET status = 'done', remote_id = ?, remote_key = ?, url = ?, remote_version = ?, "
      "error = NULL, updated_at = ? WHERE id = ?");
  st.bind(1, remote_id).bind(2, remote_key).bind(3, url);
  if (version) st.bind(4, *version);
  else st.bind_null(4);
  st.bind(5, utc_now_text()).bind(6, id).run();
}

void IntegrationRepository::fail_link(const std::string& id, const std::string& error) {
  db_.prepare("UPDATE integration_links SET status = 'failed', error = ?, updated_at = ? WHERE id = ?")
      .bind(1, error)
      .bind(2, utc_now_text())
      .bind(3, id)
      .run();
}

std::vector<IntegrationLink> IntegrationRepository::links(const std::string& incident_id) {
  auto st = db_.prepare(std::string("SELECT ") + kLinkColumns +
                        " FROM integration_links WHERE issue_id = ? ORDER BY created_at, rowid");
  st.bind(1, incident_id);
  std::vector<IntegrationLink> out;
  while (st.step()) out.push_back(link_from(st));
  return out;
}

std::optional<IntegrationLink> IntegrationRepository::published_page(const std::string& document_id,
                                                                     const std::string& incident_id,
                                                                     const std::string& doc_type,
                                                                     const std::string& space_key) {
  auto st = db_.prepare(std::string("SELECT ") + kLinkColumns +
                        " FROM integration_links WHERE service = 'confluence' AND kind = 'page' AND status = 'done' "
                        "AND remote_id IS NOT NULL AND space_key = ? AND (document_id = ? OR (issue_id = ? AND "
                        "doc_type = ?)) ORDER BY document_id = ? DESC, updated_at DESC, rowid DESC LIMIT 1");
  st.bind(1, space_key).bind(2, document_id).bind(3, incident_id).bind(4, doc_type).bind(5, document_id);
  if (!st.step()) return std::nullopt;
  return link_from(st);
}

}  // namespace tftsr::integrations
