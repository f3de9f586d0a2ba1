#pragma once
// The integrations' rows: settings (integration_config), sealed credentials (credentials) and
// the pages and tickets created (integration_links). Plain SQL; callers hold the store's lock
// and seal the tokens before they get here.
#include <optional>
#include <string>
#include <vector>

#include "core/integrations/integration_model.h"

namespace tftsr {
class Database;
}

namespace tftsr::integrations {

struct StoredCredential {
  std::string token_hash;       // SHA-256 of the access token, hex
  std::string sealed_token;
  std::optional<std::string> sealed_refresh_token;
  std::optional<std::string> expires_at;  // YYYY-MM-DD HH:MM:SS UTC
};

class IntegrationRepository {
 public:
  explicit IntegrationRepository(Database& db) : db_(db) {}

  void save_settings(const IntegrationSettings& s);
  std::optional<IntegrationSettings> settings(Service service);

  void save_credential(Service service, const StoredCredential& c);
  std::optional<StoredCredential> credential(Service service);
  void remove_credential(Service service);

  // A new link row, status pending.
  IntegrationLink add_link(const IntegrationLink& link);
  void finish_link(const std::string& id, const std::string& remote_id, const std::string& remote_key,
                   const std::string& url, std::optional<std::int64_t> version);
  void fail_link(const std::string& id, const std::string& error);
  std::vector<IntegrationLink> links(const std::string& incident_id);
  // The page a document (or, failing that, the same kind of document of the incident) was
  // published to in a space.
  std::optional<IntegrationLink> published_page(const std::string& document_id, const std::string& incident_id,
                                                const std::string& doc_type, const std::string& space_key);

 private:
  Database& db_;
};

}  // namespace tftsr::integrations
