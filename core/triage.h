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
#include "core/store/queries.h"
#include "core/store/records.h"

namespace tftsr {

class Database;

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

  // Settings
  std::optional<std::string> setting(const std::string& key);
  void set_setting(const std::string& key, const std::string& value);
  std::vector<Setting> settings();

  // Audit
  std::vector<AuditEntry> audit_entries(const AuditFilter& filter);
  AuditVerification verify_audit();
  // Records an outbound or destructive action done outside the store (e.g. an export).
  AuditEntry record_audit(const std::string& action, const std::string& entity_type,
                          const std::string& entity_id, const std::string& details_json);

  // Re-keys the database. Audited.
  void change_passphrase(const std::string& new_passphrase);

  // For the parts of the core that extend the façade (logs, images): the open connection and
  // the lock that serialises its use.
  Database& database() { return *db_; }
  std::recursive_mutex& mutex() { return mutex_; }

 private:
  Triage(std::filesystem::path data_dir, std::unique_ptr<Database> db);
  std::filesystem::path data_dir_;
  std::unique_ptr<Database> db_;
  std::recursive_mutex mutex_;
};

}  // namespace tftsr
