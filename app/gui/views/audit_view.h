#pragma once
// The audit log: filter by action, entity and date, read an entry's details, see whether the
// hash chain verifies, and export what is shown as CSV or JSON to a file the user picks.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/gui/app_state.h"
#include "app/gui/tab_view.h"
#include "app/gui/view_jobs.h"

namespace tftsr::gui {

class AuditView : public TabView {
 public:
  static constexpr const char* kKind = "audit";
  explicit AuditView(AppState&) {}

  std::string title(const AppState&) const override { return "Audit log"; }
  void draw(AppState& state) override;
  void cancel_jobs() override { jobs_.cancel(); }
  const std::vector<AuditEntry>& entries() const { return entries_; }
  const std::optional<AuditVerification>& verification() const { return verification_; }
  AuditFilter current_filter() const;
  // Writes what is shown to file (CSV unless the name ends in .json) and records the export.
  void export_to(AppState& state, const std::filesystem::path& file);

 private:
  void refresh(AppState& state);
  void verify(AppState& state);

  std::string action_, entity_type_, since_, until_;
  std::string loaded_key_;
  std::uint64_t loaded_version_ = 0;
  std::vector<AuditEntry> entries_;
  int selected_ = -1;
  std::string error_;
  std::optional<AuditVerification> verification_;
  bool verifying_ = false;
  std::uint64_t verified_version_ = 0;
  ViewJobs jobs_;
};

}  // namespace tftsr::gui
