#pragma once
// The audit chain's head kept outside the database: removing the newest entries leaves a chain
// that verifies on its own, so its length and newest hash are also written to a small file beside
// the database, authenticated with HMAC-SHA256 under a key derived from the passphrase. A chain
// shorter than its anchor, a different entry where the anchor points, or an anchor that is missing
// or fails authentication are all reported by verification.
//
// File: "tftsr-audit-anchor 1\ncount N\nhash H\nmac M\n", M = HMAC(key, the three lines before).
// The anchor may lag the chain (a crash between a commit and its update) but never leads it.
#include <array>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "core/model/audit_entry.h"

namespace tftsr {

class Database;

// The newest entry of the chain: its seq (= the number of entries) and its hash.
struct AuditHead {
  std::int64_t count = 0;
  std::string hash;
};

class AuditAnchor {
 public:
  using Key = std::array<std::uint8_t, 32>;
  // Asked for the key only when an anchor is written or checked (deriving it may be slow).
  using KeySource = std::function<Key()>;

  AuditAnchor(std::filesystem::path file, KeySource key);
  const std::filesystem::path& file() const { return file_; }

  static AuditHead head_of(Database& db);

  // At open: reads what the file holds. A file that is missing while the chain has entries, or
  // damaged, is left as it is (verification reports it) and never written over by advance().
  void load(Database& db);
  // Records the chain's head if the chain grew past the anchor, and only if the entry the anchor
  // points at is still there unchanged (a truncated chain must not be re-anchored over).
  void advance(Database& db);
  // Replaces the anchor, atomically (temporary file, sync, rename), with `head` under `key`.
  void write(const AuditHead& head, const Key& key);
  void write(const AuditHead& head) { write(head, key_()); }

  // The file's bytes (nullopt: no file), e.g. to tell later whether it was replaced since.
  std::optional<std::string> snapshot() const;

  // After the chain itself verified (v.ok), compares it with the anchor; on a mismatch sets
  // v.ok = false and a message that says what is wrong.
  void check(Database& db, AuditVerification& v);
  // Whether the anchor authenticates and matches the chain's end as it stands (the chain's own
  // links aside): the condition for signing it again under a new key.
  bool holds_up(Database& db);

 private:
  std::filesystem::path file_;
  KeySource key_;
  std::optional<AuditHead> anchored_;  // what the file holds, once read or written
  bool frozen_ = false;                // the file is evidence of tampering: leave it alone
  bool mac_checked_ = false;           // the file's MAC was found right (or we wrote the file)
};

}  // namespace tftsr
