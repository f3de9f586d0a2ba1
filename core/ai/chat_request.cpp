#include "core/ai/chat_request.h"

#include "core/error.h"

namespace tftsr::ai {

void check_turns(const ChatRequest& request) {
  if (request.turns.empty()) throw Error(ErrorKind::Internal, "a chat request needs at least one user message");
  if (request.turns.back().role != ChatRole::User)
    throw Error(ErrorKind::Internal, "a chat request must end with the user's message");
  for (const auto& turn : request.turns)
    if (turn.role == ChatRole::Assistant && !turn.images_png.empty())
      throw Error(ErrorKind::Internal, "only the user's messages can carry images");
}

bool has_images(const ChatRequest& request) {
  for (const auto& turn : request.turns)
    if (!turn.images_png.empty()) return true;
  return false;
}

}  // namespace tftsr::ai
