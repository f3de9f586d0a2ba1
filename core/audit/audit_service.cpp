#include "core/audit/audit_service.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <system_error>

#include "core/audit/audit_anchor.h"
#include "core/audit/audit_export.h"
#include "core/audit/audit_log.h"
#include "core/crypto/sha256.h"
#include "core/error.h"
#include "core/journal/journal.h"
#include "core/service_context.h"
#include "core/store/database.h"

namespace tftsr {

std::vector<AuditEntry> AuditService::entries(const AuditFilter& filter) {
  return read_committed(ctx_, [&](Database& db) { return AuditLog(db).list(filter); });
}

AuditVerification AuditService::verify() {
  ServiceLock lock(ctx_.mutex);
  AuditVerification v = AuditLog(ctx_.db).verify();
  anchor_.check(ctx_.db, v);
  return v;
}

AuditExport AuditService::export_to(const std::filesystem::path& path, const AuditFilter& filter) {
  const bool json = path.extension() == ".json";
  ServiceLock lock(ctx_.mutex);
  const auto selected = AuditLog(ctx_.db).list(filter);
  const std::string text = json ? audit_to_json(selected) : audit_to_csv(selected);

  std::filesystem::path partial = path;
  partial += ".partial";
  {
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) {
      std::error_code ignored;
      std::filesystem::remove(partial, ignored);
      throw Error(ErrorKind::Storage, "could not write " + path.string());
    }
  }
  std::error_code ec;
  std::filesystem::rename(partial, path, ec);
  if (ec) {
    std::filesystem::remove(partial, ec);
    throw Error(ErrorKind::Storage, "could not write " + path.string());
  }

  AuditExport result{static_cast<std::int64_t>(selected.size()), sha256_file_hex(path)};
  Transaction tx(ctx_.db);
  nlohmann::json details = {{"format", json ? "json" : "csv"},
                            {"entries", result.entries},
                            {"file", path.string()},
                            {"sha256", result.sha256}};
  ctx_.journal.audit("audit_exported", "audit", "", details.dump());
  tx.commit();
  return result;
}

}  // namespace tftsr
