#pragma once
// SQL for the key/value settings table.
#include <optional>
#include <string>
#include <vector>

#include "core/store/records.h"

namespace tftsr {

class Database;

class SettingsRepository {
 public:
  explicit SettingsRepository(Database& db) : db_(db) {}
  std::optional<std::string> get(const std::string& key);
  void set(const std::string& key, const std::string& value);
  std::vector<Setting> all();

 private:
  Database& db_;
};

}  // namespace tftsr
