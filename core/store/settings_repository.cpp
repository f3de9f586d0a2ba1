#include "core/store/settings_repository.h"

#include "core/store/database.h"

namespace tftsr {

std::optional<std::string> SettingsRepository::get(const std::string& key) {
  auto st = db_.prepare("SELECT value FROM settings WHERE key = ?");
  st.bind(1, key);
  if (!st.step()) return std::nullopt;
  return st.text(0);
}

void SettingsRepository::set(const std::string& key, const std::string& value) {
  db_.prepare(
         "INSERT INTO settings(key, value, updated_at) VALUES (?,?,?) "
         "ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at")
      .bind(1, key).bind(2, value).bind(3, utc_now_text())
      .run();
}

std::vector<Setting> SettingsRepository::all() {
  auto st = db_.prepare("SELECT key, value, updated_at FROM settings ORDER BY key");
  std::vector<Setting> out;
  while (st.step()) out.push_back({st.text(0), st.text(1), st.text(2)});
  return out;
}

}  // namespace tftsr
