#include "core/triage.h"

#include <openssl/crypto.h>

#include <algorithm>

#include "core/audit/audit_anchor.h"
#include "core/crypto/base64.h"
#include "core/crypto/random.h"
#include "core/crypto/deferred_secret_box.h"
#include "core/error.h"
#include "core/journal/journal.h"
#include "core/logs/log_repository.h"
#include "core/pii/detector_cache.h"
#include "core/service_context.h"
#include "core/net/outbound_gate.h"
#include "core/store/data_dir.h"
#include "core/store/database.h"
#include "core/store/encrypted_file_store.h"
#include "core/store/migrations.h"
#include "core/store/passphrase_change_record.h"
#include "core/store/read_connection.h"
#include "core/store/settings_repository.h"

namespace tftsr {

namespace {
constexpr const char* kSecretSaltSetting = "crypto.secret_salt";
constexpr const char* kContentKeySetting = "crypto.content_key";
// PBKDF2-HMAC-SHA256 rounds for the secrets key. The secrets also sit inside the SQLCipher file,
// so this guards them a second time (e.g. in a leaked backup of the credentials table).
constexpr int kSecretKdfIterations = 210000;
// The audit anchor's HMAC key comes from the secrets key: no second PBKDF2 over the passphrase.
constexpr const char* kAnchorKeyPurpose = "tftsr audit anchor v1";
// Set once a store keeps an audit anchor; a store without it is anchored as it stands at open.
constexpr const char* kAnchorSetting = "audit.anchored";
constexpr const char* kAnchorFileSuffix = ".audit-anchor";
// Sealed under the new secrets key while a passphrase change is under way: whether it opens under
// the passphrase the database opened with tells whether the re-key happened.
constexpr const char* kKeyCheckText = "tftsr passphrase change key check v1";

std::function<void(std::string_view)>& open_failure_point() {
  static std::function<void(std::string_view)> hook;
  return hook;
}

std::unique_ptr<DeferredSecretBox> secret_box_for(Database& db, const std::string& passphrase, bool fresh_salt) {
  SettingsRepository settings(db);
  auto salt = settings.get(kSecretSaltSetting);
  if (!salt || fresh_salt) {
    salt = base64_encode(random_bytes(16));
    settings.set(kSecretSaltSetting, *salt);
  }
  return std::make_unique<DeferredSecretBox>(passphrase, base64_decode(*salt), kSecretKdfIterations);
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
  finish_interrupted_vacuum(*db);
  auto secrets = secret_box_for(*db, passphrase, false);
  auto content = content_store_for(*db, data_dir);
  auto triage = std::unique_ptr<Triage>(
      new Triage(data_dir, std::move(db), std::move(secrets), std::move(content), passphrase));
  triage->failure_point_ = open_failure_point();
  triage->settle_passphrase_change();
  triage->failure_point_ = {};
  triage->adopt_audit_anchor();
  return triage;
}

Triage::Triage(std::filesystem::path data_dir, std::unique_ptr<Database> db, std::unique_ptr<DeferredSecretBox> secrets,
               std::unique_ptr<EncryptedFileStore> content, std::string passphrase)
    : data_dir_(std::move(data_dir)),
      db_(std::move(db)),
      secrets_(std::move(secrets)),
      passphrase_(std::move(passphrase)),
      anchor_(std::make_unique<AuditAnchor>(
          data_dir_ / (std::string(kDatabaseFileName) + kAnchorFileSuffix),
          [this] {
            std::lock_guard<std::mutex> lock(secrets_mutex_);
            return secrets_->get().derive_key(kAnchorKeyPurpose);
          })),
      reader_(std::make_unique<ReadConnection>(data_dir_ / kDatabaseFileName, passphrase_)),
      content_(std::move(content)),
      journal_(std::make_unique<Journal>(*db_)),
      detectors_(std::make_unique<pii::DetectorCache>()),
      context_(std::make_unique<ServiceContext>(ServiceContext{*db_, mutex_, *journal_, *content_, *detectors_})),
      incidents_(std::make_unique<IncidentService>(*context_)),
      logs_(std::make_unique<LogService>(*context_)),
      images_(std::make_unique<ImageService>(*context_)),
      settings_(std::make_unique<SettingsService>(*context_)),
      audit_(std::make_unique<AuditService>(*context_, *anchor_)),
      documents_(std::make_unique<DocumentService>(*context_, data_dir_)),
      gate_(std::make_unique<net::OutboundGate>(gate_sources())),
      ai_(std::make_unique<AiService>(
          *context_, AiServiceDeps{*incidents_, *logs_, *images_, *settings_,
                                    [this](const std::string& log_id) { return patterns_->summary_text(log_id); }},
          SecretSealer{[this](std::string_view plain) { return seal_secret(plain); },
                       [this](std::string_view sealed) { return open_secret(sealed); }},
          *gate_)),
      patterns_(std::make_unique<PatternService>(*context_)),
      integrations_(std::make_unique<IntegrationService>(
          *context_, *incidents_, *documents_,
          integrations::CredentialSealer{[this](std::string_view plain) { return seal_secret(plain); },
                                         [this](std::string_view sealed) { return open_secret(sealed); }},
          *gate_)) {
  context_->reader = reader_.get();
  // After every commit that grew the chain. A failure here only leaves the anchor behind the
  // chain, which verification tolerates; the change itself has landed and must not be reported
  // as failed.
  db_->set_commit_listener([this] {
    if (anchor_paused_) return;
    try {
      anchor_->advance(*db_);
    } catch (...) {
    }
  });
}

Triage::~Triage() {
  if (db_) db_->set_commit_listener({});
  OPENSSL_cleanse(passphrase_.data(), passphrase_.size());
}

void Triage::adopt_audit_anchor() {
  ServiceLock lock(mutex_);
  SettingsRepository settings(*db_);
  if (!settings.get(kAnchorSetting)) {
    // A store from before the anchor: anchor its chain as it stands, once.
    AuditHead head = AuditAnchor::head_of(*db_);
    if (head.count > 0 && !std::filesystem::exists(anchor_->file())) anchor_->write(head);
    settings.set(kAnchorSetting, "1");
  }
  anchor_->load(*db_);
}

std::filesystem::path Triage::database_path() const { return data_dir_ / kDatabaseFileName; }

// A passphrase change, safe against a crash at any point. SQLCipher's re-key commits on its own
// and cannot share a transaction, so the change is split around it, and whatever the far side
// needs is written on the near side:
//  1. Under the old key, one transaction: the record 'prepared' (the new secrets salt, a check
//     value and every secret sealed under the new secrets key). No other change yet.
//  2. The re-key (atomic: the file opens with exactly one of the two passphrases).
//  3. Under the new key, one transaction: the new salt and secrets swapped in, the audit entry,
//     the record 'swapped'.
//  4. The anchor signed under the new key, after 3 has committed, so it never records an entry
//     the chain lacks; and only over the bytes it had when it still held up under the old key.
//  5. The record removed.
// At open, a 'prepared' record whose check value opens under the passphrase the database opened
// with means the re-key happened (3 is done then); otherwise it never did and the record is
// dropped. A 'swapped' record means 4 and 5 are left. Recovery runs these same steps, so a crash
// during it leaves one of the same states. One record in the database, no second file to keep in
// step: the database's own atomic commits and re-key decide which side a crash fell on.
void Triage::change_passphrase(const std::string& new_passphrase) {
  if (new_passphrase.empty()) throw Error(ErrorKind::InvalidInput, "the new passphrase must not be empty");
  ServiceLock lock(mutex_);
  finish_passphrase_change();  // an earlier change whose anchor could not be signed then
  // First what can fail without changing anything: the new secrets key and the check value.
  PassphraseChangeRecord record;
  record.secret_salt = base64_encode(random_bytes(16));
  auto next = std::make_unique<DeferredSecretBox>(new_passphrase, base64_decode(record.secret_salt), kSecretKdfIterations);
  record.key_check = next->get().seal(kKeyCheckText);
  // An anchor that does not hold up is evidence: it is not signed again under the new key.
  record.resign_anchor = anchor_->holds_up(*db_);
  record.old_anchor = anchor_->snapshot();

  // The read connection's key goes stale with the re-key: closed until it is done or undone.
  anchor_paused_ = true;
  reader_->suspend();
  struct Resume {
    Triage& t;
    ~Resume() {
      t.anchor_paused_ = false;
      t.reader_->resume(t.passphrase_);
    }
  } resume{*this};
  {
    Transaction tx(*db_);
    PassphraseChangeRepository(*db_).prepare(
        record, [&](std::string_view sealed) {
          std::lock_guard<std::mutex> secrets_lock(secrets_mutex_);
          return next->get().seal(secrets_->get().open(sealed));
        });
    failure_point("passphrase_change.preparing");
    tx.commit();
  }
  try {
    failure_point("passphrase_change.prepared");
    db_->rekey(new_passphrase);  // SQLCipher undoes its own half-done re-key
  } catch (...) {
    drop_passphrase_change();
    throw;
  }
  try {
    failure_point("passphrase_change.rekeyed");
    swap_in_passphrase_change(std::move(next), record.secret_salt);
  } catch (...) {
    try {
      db_->rekey(passphrase_);
    } catch (const Error&) {
      throw Error(ErrorKind::Storage,
                  "the passphrase change failed half-way and could not be undone: the database now opens only with "
                  "the new passphrase; open it with the new passphrase to finish the change");
    }
    drop_passphrase_change();
    throw;
  }
  OPENSSL_cleanse(passphrase_.data(), passphrase_.size());
  passphrase_ = new_passphrase;
  finish_passphrase_change();
}

void Triage::swap_in_passphrase_change(std::unique_ptr<DeferredSecretBox> next, const std::string& salt) {
  Transaction tx(*db_);
  SettingsRepository(*db_).set(kSecretSaltSetting, salt);
  AuditEntry entry = journal_->audit("passphrase_change", "database", database_path().filename().string(), std::nullopt);
  PassphraseChangeRepository(*db_).swap(entry.seq, entry.entry_hash);
  failure_point("passphrase_change.before_commit");
  tx.commit();
  std::lock_guard<std::mutex> secrets_lock(secrets_mutex_);
  secrets_ = std::move(next);
}

void Triage::finish_passphrase_change() {
  // The change has landed: a failure here leaves the record, and the next open finishes it.
  try {
    PassphraseChangeRepository pending(*db_);
    auto record = pending.load();
    if (!record || record->stage != PassphraseChangeRecord::Stage::Swapped) return;
    failure_point("passphrase_change.swapped");
    // Signed again only over the bytes that held up before the change. A file that is neither
    // those nor the new anchor already was put there by someone else: kept as evidence.
    if (record->resign_anchor && anchor_->snapshot() == record->old_anchor)
      anchor_->write({record->anchor_count, record->anchor_hash});
    failure_point("passphrase_change.anchored");
    Transaction tx(*db_);
    pending.clear();
    tx.commit();
  } catch (const Error&) {
  }
}

void Triage::drop_passphrase_change() {
  // Left behind if this fails too; the next open drops it (its check value cannot open then).
  try {
    Transaction tx(*db_);
    PassphraseChangeRepository(*db_).clear();
    tx.commit();
  } catch (const Error&) {
  }
}

void Triage::settle_passphrase_change() {
  ServiceLock lock(mutex_);
  auto record = PassphraseChangeRepository(*db_).load();
  if (!record) return;
  std::unique_ptr<DeferredSecretBox> next;
  if (record->stage == PassphraseChangeRecord::Stage::Prepared) {
    next = std::make_unique<DeferredSecretBox>(passphrase_, base64_decode(record->secret_salt), kSecretKdfIterations);
    bool rekeyed = false;
    try {
      rekeyed = next->get().open(record->key_check) == kKeyCheckText;
    } catch (const Error&) {
    }
    if (!rekeyed) {
      drop_passphrase_change();
      return;
    }
  }
  anchor_paused_ = true;  // the anchor is signed here, under the new key, or left as evidence
  struct Resume {
    bool& paused;
    ~Resume() { paused = false; }
  } resume{anchor_paused_};
  if (record->stage == PassphraseChangeRecord::Stage::Prepared)
    swap_in_passphrase_change(std::move(next), record->secret_salt);
  finish_passphrase_change();
}

void Triage::set_open_failure_point_for_testing(FailurePoint hook) {
  open_failure_point() = std::move(hook);
}

VacuumResult Triage::vacuum() {
  ServiceLock lock(mutex_);
  return vacuum_store(*db_);
}

void Triage::write_for_testing(const std::function<void(Database&)>& write) {
  ServiceLock lock(mutex_);
  Transaction tx(*db_);
  write(*db_);
  tx.commit();
}

std::string Triage::seal_secret(std::string_view plaintext) {
  std::lock_guard<std::mutex> lock(secrets_mutex_);
  return secrets_->get().seal(plaintext);
}

std::string Triage::open_secret(std::string_view sealed) {
  std::lock_guard<std::mutex> lock(secrets_mutex_);
  return secrets_->get().open(sealed);
}

}  // namespace tftsr
