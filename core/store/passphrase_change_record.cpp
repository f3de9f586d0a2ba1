#include "core/store/passphrase_change_record.h"

#include "core/error.h"
#include "core/store/database.h"

namespace tftsr {

namespace {
// Every column that holds a secret sealed with the secrets key, in a table keyed by TEXT `id`.
// A new sealed column must be listed here, or a passphrase change leaves it unreadable.
struct SealedColumn {
  const char* table;
  const char* column;
};
constexpr SealedColumn kSealedColumns[] = {
    {"credentials", "encrypted_token"},
    {"credentials", "encrypted_refresh_token"},
    {"ai_providers", "encrypted_api_key"},
};
}  // namespace

void PassphraseChangeRepository::prepare(const PassphraseChangeRecord& r,
                                          const std::function<std::string(std::string_view)>& reseal) {
  clear();
  db_.prepare(
         "INSERT INTO passphrase_change(id, stage, secret_salt, key_check, resign_anchor, old_anchor) "
         "VALUES (1, 'prepared', ?, ?, ?, ?)")
      .bind(1, r.secret_salt)
      .bind(2, r.key_check)
      .bind(3, r.resign_anchor ? 1 : 0)
      .bind(4, r.old_anchor)
      .run();
  auto insert = db_.prepare(
      "INSERT INTO passphrase_change_secrets(table_name, column_name, row_id, sealed) VALUES (?, ?, ?, ?)");
  for (const auto& c : kSealedColumns) {
    auto st = db_.prepare(std::string("SELECT id, ") + c.column + " FROM " + c.table + " WHERE " + c.column +
                          " IS NOT NULL");
    while (st.step()) {
      insert.bind(1, c.table).bind(2, c.column).bind(3, st.text(0)).bind(4, reseal(st.text(1))).run();
      insert.reset();
    }
  }
}

std::optional<PassphraseChangeRecord> PassphraseChangeRepository::load() {
  auto st = db_.prepare(
      "SELECT stage, secret_salt, key_check, resign_anchor, old_anchor, anchor_count, anchor_hash "
      "FROM passphrase_change WHERE id = 1");
  if (!st.step()) return std::nullopt;
  PassphraseChangeRecord r;
  r.stage = st.text(0) == "swapped" ? PassphraseChangeRecord::Stage::Swapped : PassphraseChangeRecord::Stage::Prepared;
  r.secret_salt = st.text(1);
  r.key_check = st.text(2);
  r.resign_anchor = st.integer(3) != 0;
  r.old_anchor = st.optional_text(4);
  if (!st.is_null(5)) r.anchor_count = st.integer(5);
  r.anchor_hash = st.optional_text(6).value_or("");
  return r;
}

void PassphraseChangeRepository::swap(std::int64_t anchor_count, const std::string& anchor_hash) {
  for (const auto& c : kSealedColumns) {
    const std::string pending = std::string("FROM passphrase_change_secrets p WHERE p.table_name = '") + c.table +
                                "' AND p.column_name = '" + c.column + "'";
    db_.exec(std::string("UPDATE ") + c.table + " SET " + c.column + " = (SELECT p.sealed " + pending +
             " AND p.row_id = " + c.table + ".id) WHERE id IN (SELECT p.row_id " + pending + ")");
  }
  db_.exec("DELETE FROM passphrase_change_secrets");
  db_.prepare("UPDATE passphrase_change SET stage = 'swapped', anchor_count = ?, anchor_hash = ? WHERE id = 1")
      .bind(1, anchor_count)
      .bind(2, anchor_hash)
      .run();
  if (db_.changes() != 1) throw Error(ErrorKind::Internal, "no passphrase change to finish");
}

void PassphraseChangeRepository::clear() {
  db_.exec("DELETE FROM passphrase_change_secrets");
  db_.exec("DELETE FROM passphrase_change");
}

}  // namespace tftsr
