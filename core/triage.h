#pragma once
// Triage is the one façade the GUI and the CLI call. Every operation and every invariant lives
// behind it: validation, timeline events, audit entries, and (later) the PII gate. Methods are
// synchronous and thread-safe (one lock around the connection); callers decide what runs on a
// worker. Failures throw tftsr::Error with a message for the user.
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/audit/audit_log.h"
#include "core/images/image_store.h"
#include "core/logs/log_library.h"
#include "core/progress.h"
#include "core/store/queries.h"
#include "core/store/records.h"

namespace tftsr {

class Database;
class SecretBox;
class EncryptedFileStore;
namespace pii {
class PiiDetector;
}
namespace net {
class OutboundGate;
struct GateSources;
}  // namespace net

inline constexpr const char* kSeverities[] = {"P1", "P2", "P3", "P4"};
inline constexpr const char* kStatuses[] = {"open", "investigating", "resolved", "closed"};

struct NewIssue {
  std::string title;
  std::string severity;
  std::optional<std::string> category;
  std::optional<std::string> description;
};

// Only the fields that are set change.
struct IssuePatch {
  std::optional<std::string> title;
  std::optional<std::string> status;
  std::optional<std::string> severity;
  std::optional<std::string> category;
  std::optional<std::string> description;
};

struct StepPatch {
  std::optional<std::string> why_question;
  std::optional<std::string> answer;
  std::optional<std::string> evidence;
};

struct DashboardStats {
  std::int64_t open = 0;               // status open or investigating
  std::int64_t resolved_last_7_days = 0;  // by resolved_at
  std::int64_t open_p1_p2 = 0;
  std::vector<Issue> recent;           // most recently updated
};

class Triage {
 public:
  // Opens (creating on first use) the encrypted store in data_dir. Throws Error(WrongKey) for a
  // wrong passphrase, leaving the file untouched.
  static std::unique_ptr<Triage> open(const std::filesystem::path& data_dir, const std::string& passphrase);
  ~Triage();
  Triage(const Triage&) = delete;
  Triage& operator=(const Triage&) = delete;

  const std::filesystem::path& data_dir() const { return data_dir_; }
  std::filesystem::path database_path() const;

  // Incidents
  Issue create_issue(const NewIssue& in);
  IssueDetail get_issue(const std::string& id);
  std::vector<Issue> list_issues(const IssueFilter& filter);
  std::int64_t count_issues(const IssueFilter& filter);
  Issue update_issue(const std::string& id, const IssuePatch& patch);
  void delete_issue(const std::string& id);
  std::vector<Issue> search_issues(const std::string& query, int limit = 50);
  DashboardStats dashboard(int recent_limit = 10);

  // 5-Whys
  ResolutionStep add_step(const std::string& issue_id, int step_order, const std::string& question,
                          std::optional<std::string> answer = {}, std::optional<std::string> evidence = {});
  ResolutionStep update_step(const std::string& step_id, const StepPatch& patch);
  std::vector<ResolutionStep> list_steps(const std::string& issue_id);

  // Timeline
  std::vector<TimelineEvent> timeline(const std::string& issue_id);
  TimelineEvent add_note(const std::string& issue_id, const std::string& text);

  // Logs. Import, scan and apply can take long: callers run them on a worker.
  LogFile add_log(const std::string& issue_id, const std::filesystem::path& path, const Progress& progress = {});
  std::vector<LogFile> list_logs(const std::string& issue_id);
  LogFile get_log(const std::string& log_id);
  std::string log_text(const std::string& log_id, bool redacted);
  std::string log_text_range(const std::string& log_id, bool redacted, std::int64_t offset, std::int64_t length);
  // Detects PII and secrets with the types enabled in the settings; replaces earlier findings.
  std::vector<PiiSpan> scan_log(const std::string& log_id, const Progress& progress = {});
  std::vector<PiiSpan> log_findings(const std::string& log_id);
  // Marks findings "redact" or "keep": one (span_id), every one of a type, or every occurrence of
  // a value. Returns how many findings changed.
  std::int64_t set_finding_action(const std::string& log_id, const std::string& action,
                                  const std::optional<std::string>& span_id,
                                  const std::optional<std::string>& pii_type = {},
                                  const std::optional<std::string>& value = {});
  // Produces and stores the redacted text; audited with its SHA-256 and the counts per type.
  RedactionSummary apply_redactions(const std::string& log_id, const Progress& progress = {});
  // Setting "pii.disabled_types" (e.g. "Hostname,Ipv4") turns detection of those types off.
  static constexpr const char* kDisabledPiiTypesSetting = "pii.disabled_types";

  // Images (screenshots). New images are not acknowledged: they cannot be sent anywhere until
  // the user has looked at them and confirmed the privacy warning.
  AddedImage add_image(const std::string& issue_id, const std::filesystem::path& path);
  AddedImage add_image_bytes(const std::string& issue_id, const std::string& file_name, std::string_view bytes,
                             bool is_paste);
  std::vector<ImageAttachment> list_images(const std::string& issue_id);
  ImageAttachment get_image(const std::string& image_id);
  RgbaImage decode_image(const std::string& image_id);  // the original pixels, for the preview
  void delete_image(const std::string& image_id);
  void acknowledge_image(const std::string& image_id);
  std::vector<Annotation> image_annotations(const std::string& image_id);
  void save_image_annotations(const std::string& image_id, const std::vector<Annotation>& annotations);
  RgbaImage render_image(const std::string& image_id);  // annotations and redactions burned in
  // Writes the burned-in PNG; audited with the SHA-256 of the file written.
  void export_image(const std::string& image_id, const std::filesystem::path& out);

  // Settings (keys starting with "crypto." are the store's own and never listed)
  std::optional<std::string> setting(const std::string& key);
  void set_setting(const std::string& key, const std::string& value);
  std::vector<Setting> settings();

  // Audit
  std::vector<AuditEntry> audit_entries(const AuditFilter& filter);
  AuditVerification verify_audit();
  // Records an outbound or destructive action done outside the store (e.g. an export).
  AuditEntry record_audit(const std::string& action, const std::string& entity_type,
                          const std::string& entity_id, const std::string& details_json);

  // Re-keys the database and re-seals the stored secrets under the new passphrase. Audited.
  void change_passphrase(const std::string& new_passphrase);

  // AES-256-GCM for secrets kept in the store (API keys, tokens): base64(nonce || ct || tag),
  // keyed from the passphrase with a salt of its own, never with the SQLCipher key.
  std::string seal_secret(std::string_view plaintext);
  std::string open_secret(std::string_view sealed);

  // The one door out of the process (core/net/outbound_gate.h).
  net::OutboundGate& gate() { return *gate_; }

  // For the parts of the core that extend the façade (logs, images): the open connection and
  // the lock that serialises its use.
  Database& database() { return *db_; }
  std::recursive_mutex& mutex() { return mutex_; }

 private:
  Triage(std::filesystem::path data_dir, std::unique_ptr<Database> db, std::unique_ptr<SecretBox> secrets,
         std::unique_ptr<EncryptedFileStore> content);
  std::filesystem::path data_dir_;
  std::shared_ptr<const pii::PiiDetector> detector();

  std::unique_ptr<Database> db_;
  std::unique_ptr<SecretBox> secrets_;
  std::unique_ptr<EncryptedFileStore> content_;  // imported log text
  std::recursive_mutex mutex_;
  std::shared_ptr<const pii::PiiDetector> detector_;  // compiled for detector_disabled_
  std::string detector_disabled_;
  net::GateSources gate_sources();  // triage_gate.cpp
  std::unique_ptr<net::OutboundGate> gate_;
};

}  // namespace tftsr
