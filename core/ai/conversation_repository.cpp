#include "core/ai/conversation_repository.h"

#include "core/store/database.h"

namespace tftsr::ai {

namespace {

constexpr const char* kConversationColumns = "id, issue_id, provider_id, provider, model, created_at, title";
constexpr const char* kMessageColumns =
    "id, conversation_id, role, content, attachments, prompt_tokens, completion_tokens, cut_off, created_at";

Conversation read_conversation(Statement& st) {
  return {st.text(0), st.text(1), st.optional_text(2), st.text(3), st.text(4), st.text(5), st.optional_text(6)};
}

std::optional<std::int64_t> optional_integer(Statement& st, int col) {
  if (st.is_null(col)) return std::nullopt;
  return st.integer(col);
}

StoredMessage read_message(Statement& st) {
  StoredMessage m;
  m.id = st.text(0);
  m.conversation_id = st.text(1);
  m.role = st.text(2);
  m.content = st.text(3);
  m.attachments_json = st.optional_text(4).value_or("");
  m.prompt_tokens = optional_integer(st, 5);
  m.completion_tokens = optional_integer(st, 6);
  m.cut_off = st.integer(7) != 0;
  m.created_at = st.text(8);
  return m;
}

void bind_optional(Statement& st, int index, const std::optional<std::int64_t>& v) {
  if (v) st.bind(index, *v); else st.bind_null(index);
}

}  // namespace

void ConversationRepository::insert(const Conversation& c) {
  auto st = db_.prepare(std::string("INSERT INTO ai_conversations(") + kConversationColumns +
                        ") VALUES (?,?,?,?,?,?,?)");
  st.bind(1, c.id).bind(2, c.issue_id).bind(3, c.provider_id).bind(4, c.provider).bind(5, c.model);
  st.bind(6, c.created_at).bind(7, c.title);
  st.run();
}

std::optional<Conversation> ConversationRepository::get(const std::string& id) {
  auto st = db_.prepare(std::string("SELECT ") + kConversationColumns + " FROM ai_conversations WHERE id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return read_conversation(st);
}

std::vector<Conversation> ConversationRepository::for_incident(const std::string& incident_id) {
  auto st = db_.prepare(std::string("SELECT ") + kConversationColumns +
                        " FROM ai_conversations WHERE issue_id = ? ORDER BY created_at DESC, rowid DESC");
  st.bind(1, incident_id);
  std::vector<Conversation> out;
  while (st.step()) out.push_back(read_conversation(st));
  return out;
}

std::optional<Conversation> ConversationRepository::find(const std::string& incident_id,
                                                         const std::string& provider_id, const std::string& model) {
  auto st = db_.prepare(std::string("SELECT ") + kConversationColumns +
                        " FROM ai_conversations WHERE issue_id = ? AND provider_id = ? AND model = ? "
                        "ORDER BY rowid DESC LIMIT 1");
  st.bind(1, incident_id).bind(2, provider_id).bind(3, model);
  if (!st.step()) return std::nullopt;
  return read_conversation(st);
}

void ConversationRepository::insert_message(const StoredMessage& m) {
  auto st = db_.prepare(std::string("INSERT INTO ai_messages(") + kMessageColumns +
                        ", token_count) VALUES (?,?,?,?,?,?,?,?,?,?)");
  st.bind(1, m.id).bind(2, m.conversation_id).bind(3, m.role).bind(4, m.content);
  if (m.attachments_json.empty()) st.bind_null(5); else st.bind(5, m.attachments_json);
  bind_optional(st, 6, m.prompt_tokens);
  bind_optional(st, 7, m.completion_tokens);
  st.bind(8, m.cut_off ? 1 : 0).bind(9, m.created_at);
  // The seed's single count: the tokens this message cost, as far as the provider said.
  st.bind(10, m.role == "assistant" ? m.completion_tokens.value_or(0) : m.prompt_tokens.value_or(0));
  st.run();
}

std::vector<StoredMessage> ConversationRepository::messages(const std::string& conversation_id) {
  // rowid is the order of insertion: created_at has one-second steps.
  auto st = db_.prepare(std::string("SELECT ") + kMessageColumns +
                        " FROM ai_messages WHERE conversation_id = ? ORDER BY rowid");
  st.bind(1, conversation_id);
  std::vector<StoredMessage> out;
  while (st.step()) out.push_back(read_message(st));
  return out;
}

void ConversationRepository::remove_message(const std::string& message_id) {
  db_.prepare("DELETE FROM ai_messages WHERE id = ?").bind(1, message_id).run();
}

std::vector<PlaceholderRow> ConversationRepository::placeholders(const std::string& conversation_id) {
  auto st = db_.prepare("SELECT pii_type, ordinal, value FROM ai_placeholders WHERE conversation_id = ?");
  st.bind(1, conversation_id);
  std::vector<PlaceholderRow> out;
  while (st.step()) out.push_back({st.text(0), static_cast<int>(st.integer(1)), st.text(2)});
  return out;
}

void ConversationRepository::insert_placeholders(const std::string& conversation_id,
                                                 const std::vector<PlaceholderRow>& rows) {
  // One statement for all: a log excerpt can bring thousands of new values.
  auto st = db_.prepare("INSERT INTO ai_placeholders(conversation_id, pii_type, ordinal, value) VALUES (?,?,?,?)");
  for (const auto& row : rows) {
    st.bind(1, conversation_id).bind(2, row.pii_type).bind(3, row.ordinal).bind(4, row.value);
    st.run();
    st.reset();
  }
}

std::vector<std::string> ConversationRepository::kept_values(const std::string& conversation_id) {
  auto st = db_.prepare("SELECT value FROM ai_kept_values WHERE conversation_id = ?");
  st.bind(1, conversation_id);
  std::vector<std::string> out;
  while (st.step()) out.push_back(st.text(0));
  return out;
}

void ConversationRepository::keep_value(const std::string& conversation_id, const std::string& value) {
  db_.prepare("INSERT OR IGNORE INTO ai_kept_values(conversation_id, value) VALUES (?,?)")
      .bind(1, conversation_id)
      .bind(2, value)
      .run();
}

std::optional<WhyState> ConversationRepository::why_state(const std::string& incident_id) {
  auto st = db_.prepare("SELECT level, root_cause FROM incident_whys WHERE issue_id = ?");
  st.bind(1, incident_id);
  if (!st.step()) return std::nullopt;
  return WhyState{static_cast<int>(st.integer(0)), st.optional_text(1).value_or("")};
}

void ConversationRepository::save_why_state(const std::string& incident_id, const WhyState& state) {
  auto st = db_.prepare(
      "INSERT INTO incident_whys(issue_id, level, root_cause, updated_at) VALUES (?,?,?,?) "
      "ON CONFLICT(issue_id) DO UPDATE SET level = excluded.level, root_cause = excluded.root_cause, "
      "updated_at = excluded.updated_at");
  st.bind(1, incident_id).bind(2, state.level);
  if (state.root_cause.empty()) st.bind_null(3); else st.bind(3, state.root_cause);
  st.bind(4, utc_now_text());
  st.run();
}

}  // namespace tftsr::ai
