#include "core/ai/provider_repository.h"

#include <cstdio>

#include "core/crypto/uuid.h"
#include "core/error.h"
#include "core/store/database.h"

namespace tftsr::ai {

namespace {

constexpr const char* kColumns =
    "id, name, kind, url, model, encrypted_api_key, max_tokens, temperature, auth_header, auth_prefix, "
    "endpoint_path, api_version, is_active, created_at, updated_at";

ProviderRecord read_row(Statement& st) {
  ProviderRecord r;
  r.id = st.text(0);
  r.config.name = st.text(1);
  r.config.kind = parse_provider_kind(st.text(2));
  r.config.url = st.text(3);
  r.config.model = st.text(4);
  r.sealed_api_key = st.optional_text(5).value_or("");
  r.config.max_tokens = static_cast<int>(st.integer(6));
  r.config.temperature = std::stod(st.text(7));
  r.config.auth_header = st.text(8);
  r.config.auth_prefix = st.text(9);
  r.config.endpoint_path = st.text(10);
  r.config.api_version = st.text(11);
  r.is_active = st.integer(12) != 0;
  r.created_at = st.text(13);
  r.updated_at = st.text(14);
  return r;
}

std::optional<ProviderRecord> one(Statement st) {
  if (!st.step()) return std::nullopt;
  return read_row(st);
}

// Temperatures are stored as REAL; bound as text so no float formatting is lost on the way.
std::string real_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

}  // namespace

void ProviderRepository::check(const ProviderConfig& config, const std::string& sealed_api_key,
                               const std::string& own_id) {
  if (!config.api_key.empty())
    throw Error(ErrorKind::Internal, "a plaintext API key reached the provider repository; seal it first");
  ProviderConfig with_key_presence = config;
  // validate() wants to know whether there is a key; a placeholder stands for the sealed one.
  if (!sealed_api_key.empty()) with_key_presence.api_key = "sealed";
  validate(with_key_presence);
  if (auto existing = find_by_name(config.name); existing && existing->id != own_id)
    throw Error(ErrorKind::InvalidInput, "a provider named '" + existing->config.name + "' already exists");
}

std::string ProviderRepository::add(const ProviderConfig& config, const std::string& sealed_api_key) {
  check(config, sealed_api_key, "");
  const std::string id = uuid_v7();
  const std::string now = utc_now_text();
  auto st = db_.prepare(std::string("INSERT INTO ai_providers(") + kColumns +
                        ") VALUES (?,?,?,?,?,?,?,CAST(? AS REAL),?,?,?,?,0,?,?)");
  st.bind(1, id).bind(2, config.name).bind(3, kind_id(config.kind)).bind(4, config.url).bind(5, config.model);
  if (sealed_api_key.empty()) st.bind_null(6); else st.bind(6, sealed_api_key);
  st.bind(7, config.max_tokens).bind(8, real_text(config.temperature)).bind(9, config.auth_header);
  st.bind(10, config.auth_prefix).bind(11, config.endpoint_path).bind(12, config.api_version);
  st.bind(13, now).bind(14, now);
  st.run();
  return id;
}

void ProviderRepository::update(const std::string& id, const ProviderConfig& config, const std::string& sealed_api_key) {
  if (!get(id)) throw Error(ErrorKind::NotFound, "no AI provider with id " + id);
  check(config, sealed_api_key, id);
  auto st = db_.prepare(
      "UPDATE ai_providers SET name=?, kind=?, url=?, model=?, encrypted_api_key=?, max_tokens=?, "
      "temperature=CAST(? AS REAL), auth_header=?, auth_prefix=?, endpoint_path=?, api_version=?, updated_at=? "
      "WHERE id=?");
  st.bind(1, config.name).bind(2, kind_id(config.kind)).bind(3, config.url).bind(4, config.model);
  if (sealed_api_key.empty()) st.bind_null(5); else st.bind(5, sealed_api_key);
  st.bind(6, config.max_tokens).bind(7, real_text(config.temperature)).bind(8, config.auth_header);
  st.bind(9, config.auth_prefix).bind(10, config.endpoint_path).bind(11, config.api_version);
  st.bind(12, utc_now_text()).bind(13, id);
  st.run();
}

void ProviderRepository::remove(const std::string& id) {
  db_.prepare("DELETE FROM ai_providers WHERE id = ?").bind(1, id).run();
  if (db_.changes() == 0) throw Error(ErrorKind::NotFound, "no AI provider with id " + id);
}

std::optional<ProviderRecord> ProviderRepository::get(const std::string& id) {
  auto st = db_.prepare(std::string("SELECT ") + kColumns + " FROM ai_providers WHERE id = ?");
  st.bind(1, id);
  return one(std::move(st));
}

std::optional<ProviderRecord> ProviderRepository::find_by_name(const std::string& name) {
  auto st = db_.prepare(std::string("SELECT ") + kColumns + " FROM ai_providers WHERE name = ? COLLATE NOCASE");
  st.bind(1, name);
  return one(std::move(st));
}

std::vector<ProviderRecord> ProviderRepository::list() {
  auto st = db_.prepare(std::string("SELECT ") + kColumns + " FROM ai_providers ORDER BY name COLLATE NOCASE");
  std::vector<ProviderRecord> out;
  while (st.step()) out.push_back(read_row(st));
  return out;
}

void ProviderRepository::set_active(const std::string& id) {
  Transaction tx(db_);
  if (!get(id)) throw Error(ErrorKind::NotFound, "no AI provider with id " + id);
  db_.exec("UPDATE ai_providers SET is_active = 0 WHERE is_active = 1");
  db_.prepare("UPDATE ai_providers SET is_active = 1, updated_at = ? WHERE id = ?").bind(1, utc_now_text()).bind(2, id).run();
  tx.commit();
}

std::optional<ProviderRecord> ProviderRepository::active() {
  auto st = db_.prepare(std::string("SELECT ") + kColumns + " FROM ai_providers WHERE is_active = 1");
  return one(std::move(st));
}

}  // namespace tftsr::ai
