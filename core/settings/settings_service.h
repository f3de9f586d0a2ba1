#pragma once
// Key/value settings. Keys starting with "crypto." are the store's own: never listed, never set
// from here. The PII types scans skip have a method of their own, since changing them is audited.
#include <optional>
#include <string>
#include <vector>

#include "core/model/setting.h"
#include "core/pii/pii_type.h"

namespace tftsr {

struct ServiceContext;

class SettingsService {
 public:
  explicit SettingsService(ServiceContext& ctx) : ctx_(ctx) {}

  std::optional<std::string> get(const std::string& key);
  // A key of kDisabledPiiTypesSetting goes through set_disabled_pii_types().
  void set(const std::string& key, const std::string& value);
  std::vector<Setting> list();

  pii::PiiTypeSet disabled_pii_types();
  // Audited with the lists before and after; nothing is written when nothing changes.
  void set_disabled_pii_types(const pii::PiiTypeSet& disabled);

 private:
  ServiceContext& ctx_;
};

}  // namespace tftsr
