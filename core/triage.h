#pragma once
// Triage is the one door the GUI and the CLI go through. It owns what the areas share (the open
// store, the connection and the lock that serialises its use, the sealed content store, the
// secrets, re-keying) and hands out one service per area. Every operation and every invariant
// lives in those services: validation, timeline events, audit entries. Methods are synchronous
// and thread-safe; callers decide what runs on a worker. Failures throw tftsr::Error with a
// message for the user.
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "core/ai/ai_service.h"
#include "core/audit/audit_service.h"
#include "core/docs/document_service.h"
#include "core/images/image_service.h"
#include "core/incidents/incident_service.h"
#include "core/integrations/integration_service.h"
#include "core/logs/log_service.h"
#include "core/patterns/pattern_service.h"
#include "core/settings/settings_service.h"
#include "core/store/store_maintenance.h"

namespace tftsr {

class AuditAnchor;
class Database;
class ReadConnection;
class EncryptedFileStore;
class Journal;
class DeferredSecretBox;
struct ServiceContext;
namespace pii {
class DetectorCache;
}
namespace net {
class OutboundGate;
struct GateSources;
}  // namespace net

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

  IncidentService& incidents() { return *incidents_; }
  LogService& logs() { return *logs_; }
  ImageService& images() { return *images_; }
  SettingsService& settings() { return *settings_; }
  AuditService& audit() { return *audit_; }
  DocumentService& documents() { return *documents_; }

  // Re-keys the database, re-seals the stored secrets and re-signs the audit anchor under the new
  // passphrase. Audited. All of it or none: on any failure the store, its secrets and the anchor
  // open with the old passphrase as before, and the error is thrown. After a crash at any point,
  // the next open() finishes or drops the change, whichever passphrase the database opens with.
  void change_passphrase(const std::string& new_passphrase);

  // VACUUM, then the incidents' full-text index rebuilt (VACUUM may renumber the rows it is keyed
  // on). Blocks every other use of the store while it runs.
  VacuumResult vacuum();

  // Test-only: called at named points inside multi-step changes; a hook that throws stands for a
  // failure there, one that ends the process for a crash. A passphrase change passes, in order,
  // "passphrase_change." preparing, prepared, rekeyed, before_commit, swapped, anchored (after the
  // swap has committed the change stands: a failure there is finished at the next open).
  using FailurePoint = std::function<void(std::string_view point)>;
  void set_failure_point_for_testing(FailurePoint hook) {
    failure_point_ = std::move(hook);
  }
  // Test-only: the same, for every later open() in this process while it finishes or drops a
  // passphrase change a crash interrupted.
  static void set_open_failure_point_for_testing(FailurePoint hook);
  // Test-only: runs `write` inside a write transaction on the writer connection, holding the lock
  // every change takes, and commits when it returns (e.g. to hold a long write open).
  void write_for_testing(const std::function<void(Database&)>& write);

  // AES-256-GCM for secrets kept in the store (API keys, tokens): base64(nonce || ct || tag),
  // keyed from the passphrase with a salt of its own, never with the SQLCipher key.
  std::string seal_secret(std::string_view plaintext);
  std::string open_secret(std::string_view sealed);

  // The one door out of the process (core/net/outbound_gate.h): every byte sent anywhere.
  net::OutboundGate& gate() { return *gate_; }

  // AI providers, conversations, the 5 Whys the model guides, log analysis (over the gate).
  AiService& ai() { return *ai_; }

  // Log patterns (templates) of plain files and stored logs; nothing stored.
  PatternService& patterns() { return *patterns_; }

  // Confluence pages, ServiceNow and Azure DevOps tickets, their credentials (over the gate).
  IntegrationService& integrations() { return *integrations_; }

 private:
  Triage(std::filesystem::path data_dir, std::unique_ptr<Database> db, std::unique_ptr<DeferredSecretBox> secrets,
         std::unique_ptr<EncryptedFileStore> content, std::string passphrase);
  void adopt_audit_anchor();
  // The steps of change_passphrase after its re-key, and what open() does with a change a crash
  // interrupted (see triage.cpp).
  void swap_in_passphrase_change(std::unique_ptr<DeferredSecretBox> next, const std::string& salt);
  void finish_passphrase_change();
  void drop_passphrase_change();
  void settle_passphrase_change();
  void failure_point(std::string_view point) {
    if (failure_point_) failure_point_(point);
  }

  std::filesystem::path data_dir_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<DeferredSecretBox> secrets_;  // the key is derived at the first seal or open
  std::mutex secrets_mutex_;  // guards secrets_, so that opening a secret does not wait for the writer
  // Kept to undo a failed re-key (the database can only be keyed back with it); wiped at the end.
  std::string passphrase_;
  std::unique_ptr<AuditAnchor> anchor_;  // the chain's head beside the database, keyed from secrets_
  bool anchor_paused_ = false;           // while a passphrase change writes the anchor itself
  std::unique_ptr<ReadConnection> reader_;  // the UI's reads while a long write holds the writer
  std::function<void(std::string_view)> failure_point_;
  std::unique_ptr<EncryptedFileStore> content_;  // imported log text
  std::recursive_mutex mutex_;
  std::unique_ptr<Journal> journal_;
  std::unique_ptr<pii::DetectorCache> detectors_;
  std::unique_ptr<ServiceContext> context_;
  std::unique_ptr<IncidentService> incidents_;
  std::unique_ptr<LogService> logs_;
  std::unique_ptr<ImageService> images_;
  std::unique_ptr<SettingsService> settings_;
  std::unique_ptr<AuditService> audit_;
  std::unique_ptr<DocumentService> documents_;
  net::GateSources gate_sources();  // triage_gate.cpp
  std::unique_ptr<net::OutboundGate> gate_;
  std::unique_ptr<AiService> ai_;
  std::unique_ptr<PatternService> patterns_;
  std::unique_ptr<IntegrationService> integrations_;
};

}  // namespace tftsr
