// The seed's twelve migrations must create exactly the seed's tables and columns.
#include <doctest/doctest.h>

#include <map>
#include <vector>

#include "core/store/database.h"
#include "core/store/migrations.h"
#include "tests/support/temp_dir.h"

using namespace tftsr;

namespace {
using Columns = std::vector<std::string>;

// Transcribed from the seed's database design document.
const std::map<std::string, Columns> kSeedTables = {
    {"issues", {"id", "title", "description", "severity", "status", "category", "source", "created_at", "updated_at",
                "resolved_at", "assigned_to", "tags"}},
    {"log_files", {"id", "issue_id", "file_name", "file_path", "file_size", "mime_type", "content_hash", "uploaded_at",
                   "redacted"}},
    {"pii_spans", {"id", "log_file_id", "pii_type", "start_offset", "end_offset", "original_value", "replacement"}},
    {"ai_conversations", {"id", "issue_id", "provider", "model", "created_at", "title"}},
    {"ai_messages", {"id", "conversation_id", "role", "content", "token_count", "created_at"}},
    {"resolution_steps", {"id", "issue_id", "step_order", "why_question", "answer", "evidence", "created_at"}},
    {"documents", {"id", "issue_id", "doc_type", "title", "content_md", "created_at", "updated_at"}},
    {"audit_log", {"id", "timestamp", "action", "entity_type", "entity_id", "user_id", "details"}},
    {"settings", {"key", "value", "updated_at"}},
    {"issues_fts", {"id", "title", "description"}},
    {"credentials", {"id", "service", "token_hash", "encrypted_token", "created_at", "expires_at"}},
    {"integration_config", {"id", "service", "base_url", "username", "project_name", "space_key",
                            "auto_create_enabled", "updated_at"}},
    {"image_attachments", {"id", "issue_id", "file_name", "file_path", "file_size", "mime_type", "upload_hash",
                           "uploaded_at", "pii_warning_acknowledged", "is_paste"}},
};

// Columns our own migrations add to seed tables, and tables of our own.
const std::map<std::string, Columns> kOurAdditions = {{"audit_log", {"seq", "prev_hash", "entry_hash"}},
                                                      {"pii_spans", {"action"}},
                                                      {"ai_conversations", {"provider_id"}},
                                                      {"ai_messages", {"prompt_tokens", "completion_tokens", "cut_off", "attachments"}},
                                                      {"credentials", {"encrypted_refresh_token"}},
                                                      {"integration_config",
                                                       {"auth_kind", "oauth_client_id", "oauth_authorize_url",
                                                        "oauth_token_url", "oauth_scope", "oauth_redirect_port"}}};

Columns columns_of(Database& db, const std::string& table) {
  Columns out;
  auto st = db.prepare("SELECT name FROM pragma_table_info(?) ORDER BY cid");
  st.bind(1, table);
  while (st.step()) out.push_back(st.text(0));
  return out;
}

std::vector<std::string> user_tables(Database& db) {
  std::vector<std::string> out;
  // FTS5 shadow tables and our bookkeeping are not part of the schema proper.
  auto st = db.prepare(
      "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'issues_fts_%' AND name <> '_migrations' "
      "ORDER BY name");
  while (st.step()) out.push_back(st.text(0));
  return out;
}
}  // namespace

TEST_CASE("the seed migrations create exactly the seed's tables and columns") {
  test::TempDir dir;
  auto db = Database::open(dir / "tftsr.db", "pw");
  auto applied = apply_migrations(db, "012_image_attachments.sql");
  CHECK(applied.size() == 12);
  std::vector<std::string> expected;
  for (const auto& [t, _] : kSeedTables) expected.push_back(t);
  CHECK(user_tables(db) == expected);
  for (const auto& [table, cols] : kSeedTables) {
    CAPTURE(table);
    CHECK(columns_of(db, table) == cols);
  }
}

TEST_CASE("our migrations keep every seed column and add only the documented ones") {
  test::TempDir dir;
  auto db = Database::open(dir / "tftsr.db", "pw");
  apply_migrations(db);
  for (const auto& [table, cols] : kSeedTables) {
    CAPTURE(table);
    Columns expected = cols;
    if (auto it = kOurAdditions.find(table); it != kOurAdditions.end())
      expected.insert(expected.end(), it->second.begin(), it->second.end());
    CHECK(columns_of(db, table) == expected);
  }
  CHECK(columns_of(db, "timeline_events") == Columns{"id", "issue_id", "event_type", "summary", "details", "created_at"});
  CHECK(columns_of(db, "_migrations") == Columns{"name", "applied_at"});
}

TEST_CASE("every migration is recorded once and re-opening applies nothing") {
  test::TempDir dir;
  {
    auto db = Database::open(dir / "tftsr.db", "pw");
    auto first = apply_migrations(db);
    CHECK(first.size() == embedded_migrations().size());
    CHECK(first.front() == "001_issues.sql");
  }
  auto db = Database::open(dir / "tftsr.db", "pw");
  CHECK(apply_migrations(db).empty());
  CHECK(db.query_text("SELECT count(*) FROM _migrations") == std::to_string(embedded_migrations().size()));
  CHECK(db.query_text("SELECT count(DISTINCT name) FROM _migrations") ==
        std::to_string(embedded_migrations().size()));
}

TEST_CASE("a database from a newer version is refused") {
  test::TempDir dir;
  auto db = Database::open(dir / "tftsr.db", "pw");
  apply_migrations(db);
  db.exec("INSERT INTO _migrations(name, applied_at) VALUES ('999_future.sql', '2030-01-01 00:00:00')");
  CHECK_THROWS_WITH(apply_migrations(db), doctest::Contains("newer TFTSR"));
}
