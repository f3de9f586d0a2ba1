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
  // Raw PNG bytes of the images attached to a user turn, already cleared by the gate (the
  // burned-in rendition). Each kind puts them in its own wire form; custom REST refuses them.
  std::vector<std::string> images_png = {};
};

struct ChatRequest {
  std::string system_prompt;
  std::vector<ChatTurn> turns;  // oldest first; the last one is the user's
  bool stream = true;           // ignored by kinds that cannot stream
  // For gateways that keep the conversation themselves (custom REST).
  std::string session_id;
  std::string user_id;
};

// Throws Error(Internal) when there is no turn, the last turn is not the user's, or an
// assistant turn carries images: a bug in the caller, not something a user can cause.
void check_turns(const ChatRequest& request);

// True when any turn carries an image.
bool has_images(const ChatRequest& request);

}  // namespace tftsr::ai
