#include "core/settings/settings_service.h"

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/journal/journal.h"
#include "core/service_context.h"
#include "core/store/database.h"
#include "core/store/settings_repository.h"

namespace tftsr {

namespace {
bool is_store_key(const std::string& key) { return key.rfind("crypto.", 0) == 0; }

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

std::string type_list(const pii::PiiTypeSet& set) {
  std::string out;
  for (std::size_t i = 0; i < pii::kPiiTypeCount; ++i) {
    if (!set.test(i)) continue;
    if (!out.empty()) out += ',';
    out += pii::pii_type_name(static_cast<pii::PiiType>(i));
  }
  return out;
}
}  // namespace

std::optional<std::string> SettingsService::get(const std::string& key) {
  if (is_store_key(key)) return std::nullopt;
  return read_committed(ctx_, [&](Database& db) { return SettingsRepository(db).get(key); });
}

void SettingsService::set(const std::string& key, const std::string& value) {
  if (blank(key)) throw Error(ErrorKind::InvalidInput, "a setting needs a key");
  if (is_store_key(key)) throw Error(ErrorKind::InvalidInput, "settings under crypto. belong to the store");
  if (key == kDisabledPiiTypesSetting) return set_disabled_pii_types(pii::parse_type_list(value));
  ServiceLock lock(ctx_.mutex);
  SettingsRepository(ctx_.db).set(key, value);
}

std::vector<Setting> SettingsService::list() {
  std::vector<Setting> out;
  for (auto& s : read_committed(ctx_, [](Database& db) { return SettingsRepository(db).all(); }))
    if (!is_store_key(s.key)) out.push_back(std::move(s));
  return out;
}

pii::PiiTypeSet SettingsService::disabled_pii_types() {
  return pii::parse_type_list(
      read_committed(ctx_, [](Database& db) { return SettingsRepository(db).get(kDisabledPiiTypesSetting); })
          .value_or(""));
}

void SettingsService::set_disabled_pii_types(const pii::PiiTypeSet& disabled) {
  ServiceLock lock(ctx_.mutex);
  Transaction tx(ctx_.db);
  SettingsRepository settings(ctx_.db);
  const pii::PiiTypeSet before = pii::parse_type_list(settings.get(kDisabledPiiTypesSetting).value_or(""));
  const std::string after = type_list(disabled);
  if (before == disabled) return;  // nothing changes: nothing to write or record
  settings.set(kDisabledPiiTypesSetting, after);
  // Turning detection off lets those values reach a redacted log unmasked: keep a record.
  nlohmann::json details = {{"before", type_list(before)}, {"after", after}};
  ctx_.journal.audit("pii_types_change", "setting", kDisabledPiiTypesSetting, details.dump());
  tx.commit();
}

}  // namespace tftsr
