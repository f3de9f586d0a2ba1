#pragma once
// Reading, verifying and exporting the audit log. Entries are written by the actions they record
// (through the Journal, in the same transaction), never from here.
#include <filesystem>
#include <vector>

#include "core/model/audit_entry.h"

namespace tftsr {

struct ServiceContext;
class AuditAnchor;

class AuditService {
 public:
  AuditService(ServiceContext& ctx, AuditAnchor& anchor) : ctx_(ctx), anchor_(anchor) {}

  std::vector<AuditEntry> entries(const AuditFilter& filter);
  // Walks the hash chain, then compares its end with the anchor kept beside the database.
  AuditVerification verify();
  // Writes the entries the filter selects to `path`: JSON if it ends in ".json", CSV otherwise,
  // through a temporary file so a failure leaves no half-written export. Audited
  // ("audit_exported") with the SHA-256 of the file written.
  AuditExport export_to(const std::filesystem::path& path, const AuditFilter& filter);

 private:
  ServiceContext& ctx_;
  AuditAnchor& anchor_;
};

}  // namespace tftsr
