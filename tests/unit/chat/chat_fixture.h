#pragma once
// A real encrypted store with one incident, a loopback server that answers in OpenAI's streamed
// wire format, and a provider pointing at it: the chat service end to end, nothing short-cut.
#include <memory>
#include <string>
#include <vector>

#include "core/triage.h"
#include "tests/fakes/loopback_http_server.h"
#include "tests/support/temp_dir.h"

namespace tftsr::test {

inline const std::string kChatApiKey = "sk-chat-Vb7QmX2pLr9TzW4nKd8s";

// An OpenAI chat-completions stream of `text`, in pieces of `piece` characters, with usage and
// [DONE] (or without the end when `complete` is false), each piece after `delay_ms`.
ScriptedReply openai_stream(const std::string& text, std::size_t piece = 16, int delay_ms = 0, bool complete = true);
// `text` followed by the 5-Whys block.
std::string with_why_block(const std::string& text, int level, const std::string& question,
                           const std::string& answer = {}, const std::string& root_cause = {});

struct ChatFixture {
  TempDir dir;
  std::unique_ptr<Triage> t = Triage::open(dir.path() / "data", "pw");
  std::string incident = t->incidents().create({"Checkout down", "P2", std::string("databases"), {}}).id;
  LoopbackHttpServer server;

  explicit ChatFixture(std::vector<ScriptedReply> script = {openai_stream("Hello.")});
  ChatDraft draft(const std::string& message) const { return ChatDraft{incident, {}, message, {}, {}, {}}; }
  // Imports `text` as a log of the incident; returns its id.
  std::string add_log(const std::string& name, const std::string& text);
  // Every request body the server received, concatenated.
  std::string all_bodies() const;
};

}  // namespace tftsr::test
