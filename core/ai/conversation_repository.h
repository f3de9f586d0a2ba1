#pragma once
// SQL for conversations, their messages, their placeholders and kept values, and where an
// incident's 5 Whys stand. Callers hold the store's lock and own the transaction.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/model/conversation.h"

namespace tftsr {
class Database;
}

namespace tftsr::ai {

// A stored message as the model saw it; the chat service derives what people see.
struct StoredMessage {
  std::string id;
  std::string conversation_id;
  std::string role;     // "system", "user" or "assistant"
  std::string content;  // exactly as sent or received
  std::string attachments_json;  // "" when none
  std::optional<std::int64_t> prompt_tokens;
  std::optional<std::int64_t> completion_tokens;
  bool cut_off = false;
  std::string created_at;
};

struct PlaceholderRow {
  std::string pii_type;
  int ordinal = 0;
  std::string value;
};

class ConversationRepository {
 public:
  explicit ConversationRepository(Database& db) : db_(db) {}

  void insert(const Conversation& c);
  std::optional<Conversation> get(const std::string& id);
  std::vector<Conversation> for_incident(const std::string& incident_id);  // newest first
  // The incident's conversation with this provider and model, if any.
  std::optional<Conversation> find(const std::string& incident_id, const std::string& provider_id,
                                   const std::string& model);

  void insert_message(const StoredMessage& m);
  std::vector<StoredMessage> messages(const std::string& conversation_id);  // in order, system first
  void remove_message(const std::string& message_id);

  std::vector<PlaceholderRow> placeholders(const std::string& conversation_id);
  void insert_placeholders(const std::string& conversation_id, const std::vector<PlaceholderRow>& rows);
  std::vector<std::string> kept_values(const std::string& conversation_id);
  void keep_value(const std::string& conversation_id, const std::string& value);

  std::optional<WhyState> why_state(const std::string& incident_id);
  void save_why_state(const std::string& incident_id, const WhyState& state);

 private:
  Database& db_;
};

}  // namespace tftsr::ai
