#include "core/triage.h"

#include <openssl/crypto.h>

#include <algorithm>

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
#include "core/store/settings_repository.h"

namespace tftsr {

namespace {
constexpr const char* kSecretSaltSetting = "crypto.secret_salt";
constexpr const char* kContentKeySetting = "crypto.content_key";
// PBKDF2-HMAC-SHA256 rounds for the secrets key. The secrets also sit inside the SQLCipher file,
// so this guards them a second time (e.g. in a leaked backup of the credentials table).
constexpr int kSecretKdfIterations = 210000;

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
  auto secrets = secret_box_for(*db, passphrase, false);
  auto content = content_store_for(*db, data_dir);
  return std::unique_ptr<Triage>(new Triage(data_dir, std::move(db), std::move(secrets), std::move(content)));
}

Triage::Triage(std::filesystem::path data_dir, std::unique_ptr<Database> db, std::unique_ptr<DeferredSecretBox> secrets,
               std::unique_ptr<EncryptedFileStore> content)
    : data_dir_(std::move(data_dir)),
      db_(std::move(db)),
      secrets_(std::move(secrets)),
      content_(std::move(content)),
      journal_(std::make_unique<Journal>(*db_)),
      detectors_(std::make_unique<pii::DetectorCache>()),
      context_(std::make_unique<ServiceContext>(ServiceContext{*db_, mutex_, *journal_, *content_, *detectors_})),
      incidents_(std::make_unique<IncidentService>(*context_)),
      logs_(std::make_unique<LogService>(*context_)),
      images_(std::make_unique<ImageService>(*context_)),
      settings_(std::make_unique<SettingsService>(*context_)),
      audit_(std::make_unique<AuditService>(*context_)),
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
          *gate_)) {}

Triage::~Triage() = default;

std::filesystem::path Triage::database_path() const { return data_dir_ / kDatabaseFileName; }

void Triage::change_passphrase(const std::string& new_passphrase) {
  if (new_passphrase.empty()) throw Error(ErrorKind::InvalidInput, "the new passphrase must not be empty");
  ServiceLock lock(mutex_);
  // Re-seal the secrets and write the audit entry first, in one transaction; the re-key then
  // re-encrypts them with everything else.
  std::unique_ptr<DeferredSecretBox> next;
  {
    Transaction tx(*db_);
    next = secret_box_for(*db_, new_passphrase, true);
    std::vector<std::pair<std::string, std::string>> resealed;
    {
      auto st = db_->prepare("SELECT id, encrypted_token FROM credentials");
      while (st.step()) resealed.emplace_back(st.text(0), next->get().seal(secrets_->get().open(st.text(1))));
    }
    for (const auto& [id, sealed] : resealed)
      db_->prepare("UPDATE credentials SET encrypted_token = ? WHERE id = ?").bind(1, sealed).bind(2, id).run();
    resealed.clear();
    {
      auto st = db_->prepare("SELECT id, encrypted_api_key FROM ai_providers WHERE encrypted_api_key IS NOT NULL");
      while (st.step()) resealed.emplace_back(st.text(0), next->get().seal(secrets_->get().open(st.text(1))));
    }
    for (const auto& [id, sealed] : resealed)
      db_->prepare("UPDATE ai_providers SET encrypted_api_key = ? WHERE id = ?").bind(1, sealed).bind(2, id).run();
    journal_->audit("passphrase_change", "database", database_path().filename().string(), std::nullopt);
    tx.commit();
  }
  db_->rekey(new_passphrase);
  secrets_ = std::move(next);
}

std::string Triage::seal_secret(std::string_view plaintext) {
  ServiceLock lock(mutex_);
  return secrets_->get().seal(plaintext);
}

std::string Triage::open_secret(std::string_view sealed) {
  ServiceLock lock(mutex_);
  return secrets_->get().open(sealed);
}

}  // namespace tftsr
