#include "core/audit/audit_log.h"

#include <nlohmann/json.hpp>

#include "core/crypto/sha256.h"
#include "core/crypto/uuid.h"
#include "core/store/database.h"

namespace tftsr {

namespace {
constexpr const char* kSelect =
    "SELECT id, timestamp, action, entity_type, entity_id, user_id, details, seq, prev_hash, entry_hash FROM audit_log";

AuditEntry read_entry(const Statement& st) {
  AuditEntry e;
  e.id = st.text(0);
  e.timestamp = st.text(1);
  e.action = st.text(2);
  e.entity_type = st.text(3);
  e.entity_id = st.text(4);
  e.user_id = st.is_null(5) ? std::string() : st.text(5);
  e.details = st.optional_text(6);
  e.seq = st.is_null(7) ? 0 : st.integer(7);
  e.prev_hash = st.text(8);
  e.entry_hash = st.text(9);
  return e;
}
}  // namespace

std::string AuditLog::compute_hash(const AuditEntry& e) {
  // A JSON array is an unambiguous encoding of the fields: no separator can be forged.
  nlohmann::json fields = nlohmann::json::array(
      {e.seq, e.prev_hash, e.id, e.timestamp, e.action, e.entity_type, e.entity_id, e.user_id,
       e.details ? nlohmann::json(*e.details) : nlohmann::json(nullptr)});
  return sha256_hex(fields.dump());
}

AuditEntry AuditLog::append(const std::string& action, const std::string& entity_type, const std::string& entity_id,
                            const std::optional<std::string>& details_json) {
  AuditEntry e;
  {
    auto st = db_.prepare("SELECT seq, entry_hash FROM audit_log ORDER BY seq DESC LIMIT 1");
    if (st.step()) {
      e.seq = st.integer(0) + 1;
      e.prev_hash = st.text(1);
    } else {
      e.seq = 1;
      e.prev_hash = kGenesisHash;
    }
  }
  e.id = uuid_v7();
  e.timestamp = utc_now_text();
  e.action = action;
  e.entity_type = entity_type;
  e.entity_id = entity_id;
  e.user_id = "local";
  e.details = details_json;
  e.entry_hash = compute_hash(e);
  db_.prepare(
         "INSERT INTO audit_log(id, timestamp, action, entity_type, entity_id, user_id, details, seq, prev_hash, "
         "entry_hash) VALUES (?,?,?,?,?,?,?,?,?,?)")
      .bind(1, e.id).bind(2, e.timestamp).bind(3, e.action).bind(4, e.entity_type).bind(5, e.entity_id)
      .bind(6, e.user_id).bind(7, e.details).bind(8, e.seq).bind(9, e.prev_hash).bind(10, e.entry_hash)
      .run();
  if (!db_.in_transaction()) db_.committed();  // landed on its own: let the anchor follow
  return e;
}

std::vector<AuditEntry> AuditLog::list(const AuditFilter& f) {
  std::string sql = kSelect;
  std::vector<std::string> args;
  auto add = [&](const char* clause, const std::string& arg) {
    sql += args.empty() ? " WHERE " : " AND ";
    sql += clause;
    args.push_back(arg);
  };
  if (f.action) add("action = ?", *f.action);
  if (f.entity_type) add("entity_type = ?", *f.entity_type);
  if (f.entity_id) add("entity_id = ?", *f.entity_id);
  if (f.since) add("timestamp >= ?", *f.since);
  if (f.until) add("timestamp <= ?", *f.until);
  sql += " ORDER BY seq DESC";
  if (f.limit > 0) sql += " LIMIT " + std::to_string(f.limit);
  auto st = db_.prepare(sql);
  for (std::size_t i = 0; i < args.size(); ++i) st.bind(static_cast<int>(i + 1), args[i]);
  std::vector<AuditEntry> out;
  while (st.step()) out.push_back(read_entry(st));
  return out;
}

AuditVerification AuditLog::verify() {
  AuditVerification v;
  // Entries without a seq were inserted around the program: they sort first and fail below.
  auto st = db_.prepare(std::string(kSelect) + " ORDER BY seq IS NOT NULL, seq");
  std::string prev = kGenesisHash;
  std::int64_t expected_seq = 1;
  while (st.step()) {
    AuditEntry e = read_entry(st);
    ++v.entries;
    if (!v.ok) continue;
    std::string problem;
    if (st.is_null(7)) problem = "has no place in the chain";
    else if (e.seq != expected_seq) problem = "follows a gap in the chain (an entry before it was removed)";
    else if (e.prev_hash != prev) problem = "does not link to the entry before it";
    else if (compute_hash(e) != e.entry_hash) problem = "was altered after it was written";
    if (!problem.empty()) {
      v.ok = false;
      v.first_broken_id = e.id;
      v.message = "audit entry " + e.id + " (#" + std::to_string(e.seq) + ", " + e.action + ") " + problem;
    }
    prev = e.entry_hash;
    ++expected_seq;
  }
  if (v.ok) v.message = "audit chain intact: " + std::to_string(v.entries) + " entries verified";
  return v;
}

}  // namespace tftsr
