#pragma once
// AI conversations about an incident, their messages, and where the incident's 5 Whys stand.
// Rows of the seed's ai_conversations / ai_messages, plus what the chat service derives from
// them on this machine (the placeholders restored, the structured block parsed).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tftsr {

// A row of `ai_conversations`: one per incident and provider/model.
struct Conversation {
  std::string id;
  std::string issue_id;
  std::optional<std::string> provider_id;  // NULL once the provider is removed
  std::string provider;                    // the provider's name when the conversation began
  std::string model;
  std::string created_at;
  std::optional<std::string> title;
};

// A log or an image sent with a user message.
struct ChatAttachment {
  std::string kind;  // "log" or "image"
  std::string id;
  std::string name;
  std::int64_t bytes_sent = 0;  // of the excerpt, or of the PNG
  std::string note;             // what was left out, e.g. "412 of 50,000 lines: error lines with context"
};

// A row of `ai_messages`, as the chat shows it.
struct ChatMessage {
  std::string id;
  std::string conversation_id;
  std::string role;  // "user" or "assistant" (the system message is not listed)
  // Exactly what the model saw (user) or said (assistant): placeholders, the 5-Whys block.
  std::string sent_text;
  // For people: the placeholders restored on this machine; for a reply, the block removed;
  // for a user message, the typed text only (attachments are listed apart).
  std::string text;
  std::vector<ChatAttachment> attachments;
  std::optional<std::int64_t> prompt_tokens;
  std::optional<std::int64_t> completion_tokens;
  bool cut_off = false;  // the reply was cancelled, lost its connection or went over the limit
  std::string created_at;
};

// Where the 5 Whys of an incident stand.
struct WhyState {
  int level = 1;           // the why being worked on, 1..5
  std::string root_cause;  // non-empty once found: the 5 Whys are complete
  bool complete() const { return !root_cause.empty(); }
};

// The result of "Analyze logs".
struct LogAnalysis {
  std::string summary;
  std::vector<std::string> key_findings;
  std::string first_why;
  std::string severity;  // P1..P4, mapped from the model's words; empty when it gave none
  std::string conversation_id;
  std::string message_id;
  std::vector<ChatAttachment> logs;  // what was sent of each log
  std::string problem;  // non-empty when the reply could not be read as an analysis
};

}  // namespace tftsr
