#include "core/ai/chat_request.h"

#include "core/error.h"

namespace tftsr::ai {

void check_turns(const ChatRequest& request) {
  if (request.turns.empty()) throw Error(ErrorKind::Internal, "a chat request needs at least one user message");
  if (request.turns.back().role != ChatRole::User)
    throw Error(ErrorKind::Internal, "a chat request must end with the user's message");
}

}  // namespace tftsr::ai
