#pragma once
// What a chat service asks a provider for: the single system message and the turns so far,
// ending with the user's newest message. The text here has already passed the outbound gate.
#include <string>
#include <vector>

namespace tftsr::ai {

enum class ChatRole { User, Assistant };

struct ChatTurn {
  ChatRole role = ChatRole::User;
  std::string text;
  std::vector<std::string> images_png;  // PNG bytes of images attached to this turn
};

struct ChatRequest {
  std::string system_prompt;
  std::vector<ChatTurn> turns;  // oldest first; the last one is the user's
  bool stream = true;           // ignored by kinds that cannot stream
  // For gateways that keep the conversation themselves (custom REST).
  std::string session_id;
  std::string user_id;
};

// Throws Error(Internal) when there is no turn or the last turn is not the user's: a bug in
// the caller, not something a user can cause.
void check_turns(const ChatRequest& request);

}  // namespace tftsr::ai
