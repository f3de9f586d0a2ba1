#include "core/triage.h"

#include "core/triage_internal.h"

#include <openssl/crypto.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/crypto/base64.h"
#include "core/crypto/random.h"
#include "core/crypto/secret_box.h"
#include "core/crypto/sha256.h"
#include "core/crypto/uuid.h"
#include "core/domains.h"
#include "core/error.h"
#include "core/logs/log_repository.h"
#include "core/pii/detector.h"
#include "core/pii/pii_type.h"
#include "core/store/data_dir.h"
#include "core/store/database.h"
#include "core/store/issue_repository.h"
#include "core/store/migrations.h"
#include "core/store/settings_repository.h"
#include "core/store/step_repository.h"
#include "core/store/timeline_repository.h"

namespace tftsr {

TimelineEvent add_event(Database& db, const std::string& issue_id, const std::string& type, const std::string& summary,
                        const std::optional<std::string>& details) {
  TimelineEvent e{uuid_v7(), issue_id, type, summary, details, utc_now_text()};
  TimelineRepository(db).insert(e);
  return e;
}

Issue require_issue(Database& db, const std::string& id) {
  auto i = IssueRepository(db).find(id);
  if (!i) throw Error(ErrorKind::NotFound, "no incident with id " + id);
  return *i;
}

namespace {
using Lock = TriageLock;

constexpr std::size_t kMaxTitle = 500;

template <std::size_t N>
bool one_of(const std::string& v, const char* const (&options)[N]) {
  return std::any_of(std::begin(options), std::end(options), [&](const char* o) { return v == o; });
}

std::string trimmed(const std::string& s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

std::string checked_title(const std::string& raw) {
  std::string t = trimmed(raw);
  if (t.empty()) throw Error(ErrorKind::InvalidInput, "the title must not be empty");
  if (t.size() > kMaxTitle)
    throw Error(ErrorKind::InvalidInput, "the title is too long (" + std::to_string(t.size()) + " bytes; at most " +
                                             std::to_string(kMaxTitle) + ")");
  return t;
}

std::string checked_severity(const std::string& s) {
  if (!one_of(s, kSeverities))
    throw Error(ErrorKind::InvalidInput, "unknown severity \"" + s + "\" (use P1, P2, P3 or P4)");
  return s;
}

std::string checked_status(const std::string& s) {
  if (!one_of(s, kStatuses))
    throw Error(ErrorKind::InvalidInput,
                "unknown status \"" + s + "\" (use open, investigating, resolved or closed)");
  return s;
}

std::optional<std::string> checked_category(const std::optional<std::string>& c) {
  if (!c || trimmed(*c).empty()) return std::nullopt;
  auto d = find_domain(trimmed(*c));
  if (!d) {
    std::string names;
    for (const auto& dom : all_domains()) names += (names.empty() ? "" : ", ") + std::string(dom.id);
    throw Error(ErrorKind::InvalidInput, "unknown category \"" + *c + "\" (one of: " + names + ")");
  }
  return std::string(d->id);
}

std::optional<std::string> blank_to_null(const std::optional<std::string>& s) {
  if (!s || trimmed(*s).empty()) return std::nullopt;
  return s;
}

void check_step_order(int n) {
  if (n < 1 || n > 5)
    throw Error(ErrorKind::InvalidInput, "step " + std::to_string(n) + " is out of range: a 5-Whys step is 1 to 5");
}

std::string show(const std::optional<std::string>& s) { return s ? *s : std::string("(none)"); }
}  // namespace

namespace {
constexpr const char* kSecretSaltSetting = "crypto.secret_salt";
constexpr const char* kContentKeySetting = "crypto.content_key";
// PBKDF2-HMAC-SHA256 rounds for the secrets key. The secrets also sit inside the SQLCipher file,
// so this guards them a second time (e.g. in a leaked backup of the credentials table).
constexpr int kSecretKdfIterations = 210000;

std::unique_ptr<SecretBox> secret_box_for(Database& db, const std::string& passphrase, bool fresh_salt) {
  SettingsRepository settings(db);
  auto salt = settings.get(kSecretSaltSetting);
  if (!salt || fresh_salt) {
    salt = base64_encode(random_bytes(16));
    settings.set(kSecretSaltSetting, *salt);
  }
  return std::make_unique<SecretBox>(derive_secret_key(passphrase, base64_decode(*salt), kSecretKdfIterations));
}


// The key of the sealed content files: random, kept only inside the encrypted database.
std::unique_ptr<EncryptedFileStore> content_store_for(Database& db, const std::filesystem::path& data_dir) {
  SettingsRepository settings(db);
  auto stored = settings.get(kContentKeySetting);
  if (!stored) {
    stored = base64_encode(random_bytes(32));
    settings.set(kContentKeySetting, *stored);
  }
  std::string raw = base64_decode(*stored);
  OPENSSL_cleanse(stored->data(), stored->size());
  if (raw.size() != 32) throw Error(ErrorKind::Storage, "the content key in the database is damaged");
  EncryptedFileStore::Key key{};
  std::copy(raw.begin(), raw.end(), key.begin());
  OPENSSL_cleanse(raw.data(), raw.size());
  auto store = std::make_unique<EncryptedFileStore>(data_dir / "content", key);
  OPENSSL_cleanse(key.data(), key.size());  // the store keeps its own copy and wipes it
  // Leftovers of an import or redaction that stopped half-way belong to no row: remove them.
  store->sweep(LogRepository(db).all_blobs());
  return store;
}
}  // namespace

std::unique_ptr<Triage> Triage::open(const std::filesystem::path& data_dir, const std::string& passphrase) {
  ensure_private_dir(data_dir);
  auto db = std::make_unique<Database>(Database::open(data_dir / kDatabaseFileName, passphrase));
  apply_migrations(*db);
  auto secrets = secret_box_for(*db, passphrase, false);
  auto content = content_store_for(*db, data_dir);
  return std::unique_ptr<Triage>(new Triage(data_dir, std::move(db), std::move(secrets), std::move(content)));
}

Triage::Triage(std::filesystem::path data_dir, std::unique_ptr<Database> db, std::unique_ptr<SecretBox> secrets,
               std::unique_ptr<EncryptedFileStore> content)
    : data_dir_(std::move(data_dir)), db_(std::move(db)), secrets_(std::move(secrets)), content_(std::move(content)) {}

Triage::~Triage() = default;

std::filesystem::path Triage::database_path() const { return data_dir_ / kDatabaseFileName; }

// ---- incidents ----

Issue Triage::create_issue(const NewIssue& in) {
  Issue i;
  i.title = checked_title(in.title);
  i.severity = checked_severity(in.severity);
  i.category = checked_category(in.category);
  i.description = blank_to_null(in.description);
  i.status = "open";
  i.id = uuid_v7();
  i.created_at = i.updated_at = utc_now_text();
  Lock lock(mutex_);
  Transaction tx(*db_);
  IssueRepository(*db_).insert(i);
  add_event(*db_, i.id, "created", "Incident created (" + i.severity + ")");
  tx.commit();
  return i;
}

IssueDetail Triage::get_issue(const std::string& id) {
  Lock lock(mutex_);
  IssueDetail d;
  d.issue = require_issue(*db_, id);
  d.resolution_steps = StepRepository(*db_).for_issue(id);
  d.timeline = TimelineRepository(*db_).for_issue(id);
  return d;
}

std::vector<Issue> Triage::list_issues(const IssueFilter& filter) {
  IssueFilter f = filter;
  if (f.status) checked_status(*f.status);
  if (f.severity) checked_severity(*f.severity);
  if (f.category) f.category = checked_category(f.category);
  Lock lock(mutex_);
  return IssueRepository(*db_).list(f);
}

std::int64_t Triage::count_issues(const IssueFilter& filter) {
  IssueFilter f = filter;
  if (f.category) f.category = checked_category(f.category);
  Lock lock(mutex_);
  return IssueRepository(*db_).count(f);
}

Issue Triage::update_issue(const std::string& id, const IssuePatch& p) {
  Lock lock(mutex_);
  Transaction tx(*db_);
  Issue before = require_issue(*db_, id);
  Issue after = before;
  std::vector<std::pair<std::string, std::string>> events;  // type, summary
  if (p.title) {
    after.title = checked_title(*p.title);
    if (after.title != before.title) events.push_back({"updated", "Title changed to \"" + after.title + "\""});
  }
  if (p.description) {
    after.description = blank_to_null(p.description);
    if (after.description != before.description) events.push_back({"updated", "Description edited"});
  }
  if (p.severity) {
    after.severity = checked_severity(*p.severity);
    if (after.severity != before.severity)
      events.push_back({"severity_changed", "Severity " + before.severity + " → " + after.severity});
  }
  if (p.category) {
    after.category = checked_category(p.category);
    if (after.category != before.category)
      events.push_back({"updated", "Domain " + show(before.category) + " → " + show(after.category)});
  }
  if (p.status) {
    after.status = checked_status(*p.status);
    if (after.status != before.status) {
      events.push_back({"status_changed", "Status " + before.status + " → " + after.status});
      const std::string now = utc_now_text();
      if (after.status == "resolved") after.resolved_at = now;
      else if (after.status == "open" || after.status == "investigating") after.resolved_at.reset();
      // closed keeps the resolved_at it had (or none, if closed without being resolved)
    }
  }
  if (events.empty()) return before;  // nothing changed: no write, no event
  after.updated_at = utc_now_text();
  IssueRepository(*db_).update(after);
  for (const auto& [type, summary] : events) add_event(*db_, id, type, summary);
  tx.commit();
  return after;
}

void Triage::delete_issue(const std::string& id) {
  Lock lock(mutex_);
  Transaction tx(*db_);
  Issue i = require_issue(*db_, id);
  const auto blobs = LogRepository(*db_).blobs_of_issue(id);
  IssueRepository(*db_).remove(id);
  nlohmann::json details = {{"title", i.title}, {"severity", i.severity}, {"status", i.status}};
  AuditLog(*db_).append("issue_delete", "issue", id, details.dump());
  tx.commit();
  for (const auto& b : blobs) content_->remove(b);  // a failure here is swept at the next open
}

std::vector<Issue> Triage::search_issues(const std::string& query, int limit) {
  if (trimmed(query).empty()) throw Error(ErrorKind::InvalidInput, "the search query is empty");
  IssueFilter f;
  f.text = query;
  f.limit = limit;
  Lock lock(mutex_);
  return IssueRepository(*db_).list(f);
}

DashboardStats Triage::dashboard(int recent_limit) {
  Lock lock(mutex_);
  IssueRepository repo(*db_);
  DashboardStats s;
  s.open = repo.count_where(" WHERE status IN ('open','investigating')", {});
  s.resolved_last_7_days = repo.count_where(" WHERE resolved_at >= datetime('now', '-7 days')", {});
  s.open_p1_p2 = repo.count_where(" WHERE status IN ('open','investigating') AND severity IN ('P1','P2')", {});
  IssueFilter f;
  f.limit = recent_limit;
  s.recent = repo.list(f);
  return s;
}

// ---- 5-Whys ----

ResolutionStep Triage::add_step(const std::string& issue_id, int step_order, const std::string& question,
                                std::optional<std::string> answer, std::optional<std::string> evidence) {
  check_step_order(step_order);
  if (trimmed(question).empty()) throw Error(ErrorKind::InvalidInput, "the why-question must not be empty");
  Lock lock(mutex_);
  Transaction tx(*db_);
  require_issue(*db_, issue_id);
  for (const auto& s : StepRepository(*db_).for_issue(issue_id))
    if (s.step_order == step_order)
      throw Error(ErrorKind::InvalidInput, "step " + std::to_string(step_order) + " already exists (id " + s.id +
                                               "); update it instead");
  ResolutionStep s{uuid_v7(), issue_id, step_order, trimmed(question), blank_to_null(answer), blank_to_null(evidence),
                   utc_now_text()};
  StepRepository(*db_).insert(s);
  add_event(*db_, issue_id, "step_added", "Why " + std::to_string(step_order) + ": " + s.why_question);
  tx.commit();
  return s;
}

ResolutionStep Triage::update_step(const std::string& step_id, const StepPatch& p) {
  Lock lock(mutex_);
  Transaction tx(*db_);
  auto found = StepRepository(*db_).find(step_id);
  if (!found) throw Error(ErrorKind::NotFound, "no 5-Whys step with id " + step_id);
  ResolutionStep s = *found;
  if (p.why_question) {
    if (trimmed(*p.why_question).empty()) throw Error(ErrorKind::InvalidInput, "the why-question must not be empty");
    s.why_question = trimmed(*p.why_question);
  }
  if (p.answer) s.answer = blank_to_null(p.answer);
  if (p.evidence) s.evidence = blank_to_null(p.evidence);
  StepRepository(*db_).update(s);
  add_event(*db_, s.issue_id, "step_updated", "Why " + std::to_string(s.step_order) + " updated");
  tx.commit();
  return s;
}

std::vector<ResolutionStep> Triage::list_steps(const std::string& issue_id) {
  Lock lock(mutex_);
  require_issue(*db_, issue_id);
  return StepRepository(*db_).for_issue(issue_id);
}

// ---- timeline ----

std::vector<TimelineEvent> Triage::timeline(const std::string& issue_id) {
  Lock lock(mutex_);
  require_issue(*db_, issue_id);
  return TimelineRepository(*db_).for_issue(issue_id);
}

TimelineEvent Triage::add_note(const std::string& issue_id, const std::string& text) {
  if (trimmed(text).empty()) throw Error(ErrorKind::InvalidInput, "the note is empty");
  Lock lock(mutex_);
  Transaction tx(*db_);
  require_issue(*db_, issue_id);
  auto e = add_event(*db_, issue_id, "note", trimmed(text));
  tx.commit();
  return e;
}

// ---- settings ----

std::optional<std::string> Triage::setting(const std::string& key) {
  if (key.rfind("crypto.", 0) == 0) return std::nullopt;
  Lock lock(mutex_);
  return SettingsRepository(*db_).get(key);
}

void Triage::set_setting(const std::string& key, const std::string& value) {
  if (trimmed(key).empty()) throw Error(ErrorKind::InvalidInput, "a setting needs a key");
  if (key.rfind("crypto.", 0) == 0) throw Error(ErrorKind::InvalidInput, "settings under crypto. belong to the store");
  if (key == kDisabledPiiTypesSetting) pii::parse_type_list(value);  // refuse unknown type names
  Lock lock(mutex_);
  SettingsRepository(*db_).set(key, value);
}

std::vector<Setting> Triage::settings() {
  Lock lock(mutex_);
  std::vector<Setting> out;
  for (auto& s : SettingsRepository(*db_).all())
    if (s.key.rfind("crypto.", 0) != 0) out.push_back(std::move(s));
  return out;
}

// ---- audit ----

std::vector<AuditEntry> Triage::audit_entries(const AuditFilter& filter) {
  Lock lock(mutex_);
  return AuditLog(*db_).list(filter);
}

AuditVerification Triage::verify_audit() {
  Lock lock(mutex_);
  return AuditLog(*db_).verify();
}

AuditEntry Triage::record_audit(const std::string& action, const std::string& entity_type,
                                const std::string& entity_id, const std::string& details_json) {
  if (trimmed(action).empty()) throw Error(ErrorKind::InvalidInput, "an audit entry needs an action");
  Lock lock(mutex_);
  Transaction tx(*db_);
  auto e = AuditLog(*db_).append(action, entity_type, entity_id,
                                 details_json.empty() ? std::nullopt : std::optional<std::string>(details_json));
  tx.commit();
  return e;
}

void Triage::change_passphrase(const std::string& new_passphrase) {
  if (new_passphrase.empty()) throw Error(ErrorKind::InvalidInput, "the new passphrase must not be empty");
  Lock lock(mutex_);
  // Re-seal the secrets and write the audit entry first, in one transaction; the re-key then
  // re-encrypts them with everything else.
  std::unique_ptr<SecretBox> next;
  {
    Transaction tx(*db_);
    next = secret_box_for(*db_, new_passphrase, true);
    std::vector<std::pair<std::string, std::string>> resealed;
    {
      auto st = db_->prepare("SELECT id, encrypted_token FROM credentials");
      while (st.step()) resealed.emplace_back(st.text(0), next->seal(secrets_->open(st.text(1))));
    }
    for (const auto& [id, sealed] : resealed)
      db_->prepare("UPDATE credentials SET encrypted_token = ? WHERE id = ?").bind(1, sealed).bind(2, id).run();
    AuditLog(*db_).append("passphrase_change", "database", database_path().filename().string(), std::nullopt);
    tx.commit();
  }
  db_->rekey(new_passphrase);
  secrets_ = std::move(next);
}

std::string Triage::seal_secret(std::string_view plaintext) {
  Lock lock(mutex_);
  return secrets_->seal(plaintext);
}

std::string Triage::open_secret(std::string_view sealed) {
  Lock lock(mutex_);
  return secrets_->open(sealed);
}

}  // namespace tftsr
