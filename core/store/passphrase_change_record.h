#pragma once
// The record of a passphrase change between its commits (migration 027): what the store becomes
// once the re-key has happened, kept in the database itself so that a crash at any point leaves
// enough to finish or drop the change at the next open. Triage::change_passphrase drives it.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace tftsr {

class Database;

struct PassphraseChangeRecord {
  enum class Stage { Prepared, Swapped };
  Stage stage = Stage::Prepared;
  std::string secret_salt;  // base64, of the new secrets key
  std::string key_check;    // a known text sealed under the new secrets key
  bool resign_anchor = false;               // the anchor held up before the change
  std::optional<std::string> old_anchor;    // its bytes then (nullopt: there was no file)
  std::int64_t anchor_count = 0;            // Swapped: the head the new anchor records
  std::string anchor_hash;
};

class PassphraseChangeRepository {
 public:
  explicit PassphraseChangeRepository(Database& db) : db_(db) {}

  // Every stored secret, each column of each row that holds one: what a new key must seal again.
  // `reseal` gets the sealed text under the old key and returns it under the new one.
  void prepare(const PassphraseChangeRecord& record, const std::function<std::string(std::string_view)>& reseal);
  std::optional<PassphraseChangeRecord> load();
  // Puts the secrets sealed again in place of the old ones and forgets them; stage 'swapped'.
  void swap(std::int64_t anchor_count, const std::string& anchor_hash);
  void clear();

 private:
  Database& db_;
};

}  // namespace tftsr
