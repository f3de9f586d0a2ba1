#pragma once
// Lays out one chat request as parts for the outbound gate, and puts the provider's chat back
// together from what the gate cleared. Every piece of text a provider receives is a part: the
// system prompt, each turn of the history, the new message, each log's heading and pieces. The
// history is trimmed from the oldest turn to fit the context budget; the system message and the
// newest user turn are never dropped.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ai/chat_request.h"
#include "core/ai/conversation_repository.h"
#include "core/ai/log_excerpt.h"
#include "core/model/conversation.h"
#include "core/net/outbound_gate.h"

namespace tftsr::ai {

// A log to send with the new message, already cut to its share of the budget.
struct LogToSend {
  std::string log_id;
  std::string name;
  bool redacted = false;  // pieces of the redacted text; otherwise of the unreviewed original
  LogExcerpt excerpt;
  // Set instead of excerpt pieces: the log's pattern summary (templates with counts and times,
  // variable parts already masked), sent as one text the gate scans like typed text.
  std::optional<std::string> pattern_summary;
  std::int64_t log_bytes = 0;  // the log's size, to say what the summary saved
};

struct ImageToSend {
  std::string image_id;
  std::string name;
};

struct ChatInput {
  std::string system_prompt;
  std::vector<StoredMessage> history;  // user and assistant messages, oldest first
  bool has_new_message = true;         // false: the last history message is the user turn to answer
  std::string message;                 // the new typed text
  std::vector<LogToSend> logs;
  std::vector<ImageToSend> images;
  std::int64_t budget_bytes = 0;
};

// A user turn's attachment as stored: its description and, for a log, the text as sent.
struct SentAttachment {
  ChatAttachment info;
  std::string text;
};

struct ChatParts {
  std::vector<net::BodyPart> parts;
  std::vector<std::string> labels;  // per part: "system prompt", "history", "message", a log or image name
  std::int64_t history_dropped = 0;
  std::vector<ChatAttachment> attachments;  // of the new turn

  // The provider's chat from the gate's cleared parts (same order as `parts`).
  ChatRequest assemble(const std::vector<net::ClearedPart>& cleared) const;
  // The new user turn as it leaves, for storing: the typed text and the attachments with their
  // cleared text. Only when the input had a new message.
  std::string cleared_message(const std::vector<net::ClearedPart>& cleared) const;
  std::vector<SentAttachment> cleared_attachments(const std::vector<net::ClearedPart>& cleared) const;

 private:
  friend ChatParts lay_out_chat(const ChatInput& input);

// What the logs of a new message may take of the budget: what the system prompt and the typed
// text leave, less a quarter kept for the history when there is one.
std::int64_t budget_for_logs(std::int64_t budget, std::size_t system_bytes, std::size_t message_bytes,
                             bool has_history);
  enum class Role { System, History, Message, LogHeading, LogPiece, Image };
  struct Slot {
    Role role;
    ChatRole turn = ChatRole::User;  // History
    std::size_t attachment = 0;      // LogHeading, LogPiece, Image: index in `attachments`
  };
  std::vector<Slot> slots_;
  bool has_new_message_ = true;
};

ChatParts lay_out_chat(const ChatInput& input);

// What the logs of a new message may take of the budget: what the system prompt and the typed
// text leave, less a quarter kept for the history when there is one.
std::int64_t budget_for_logs(std::int64_t budget, std::size_t system_bytes, std::size_t message_bytes,
                             bool has_history);

// The user turn's text: the typed text, then each log under its heading.
std::string render_user_turn(std::string_view typed, const std::vector<SentAttachment>& attachments);
// Stored form of a turn's attachments (JSON), and back.
std::string attachments_to_json(const std::vector<SentAttachment>& attachments);
std::vector<SentAttachment> attachments_from_json(std::string_view json);

}  // namespace tftsr::ai
