#pragma once
// SQL for the ai_providers table. Holds the API key only in its sealed form: sealing and
// opening are the caller's (Triage::seal_secret / open_secret), so this file never sees a key.
#include <optional>
#include <string>
#include <vector>

#include "core/ai/provider_config.h"

namespace tftsr {
class Database;
}

namespace tftsr::ai {

struct ProviderRecord {
  std::string id;
  ProviderConfig config;        // config.api_key is always empty here
  std::string sealed_api_key;   // empty when the provider has no key
  bool is_active = false;
  std::string created_at;
  std::string updated_at;
};

class ProviderRepository {
 public:
  explicit ProviderRepository(Database& db) : db_(db) {}

  // Validates (with the key's presence taken from sealed_api_key) and inserts; returns the new
  // id. Throws Error(InvalidInput) for a name already taken (case-insensitively) and
  // Error(Internal) when config.api_key holds a plaintext key.
  std::string add(const ProviderConfig& config, const std::string& sealed_api_key);
  // Replaces every field of the provider `id`; the sealed key too (pass the old one to keep it).
  void update(const std::string& id, const ProviderConfig& config, const std::string& sealed_api_key);
  // Throws Error(NotFound) for an unknown id; conversations keep their history (provider_id
  // becomes NULL).
  void remove(const std::string& id);

  std::optional<ProviderRecord> get(const std::string& id);
  std::optional<ProviderRecord> find_by_name(const std::string& name);  // case-insensitive
  std::vector<ProviderRecord> list();  // by name

  // Makes `id` the one active provider (the others become inactive, in one transaction).
  void set_active(const std::string& id);
  std::optional<ProviderRecord> active();

 private:
  void check(const ProviderConfig& config, const std::string& sealed_api_key, const std::string& own_id);

  Database& db_;
};

}  // namespace tftsr::ai
