#pragma once
// Replies in Ollama's management wire format, for the loopback server: GET /api/version,
// GET /api/tags, the NDJSON stream of POST /api/pull (progress lines ending with
// {"status":"success"}, or an {"error": ...} line, or a connection closed mid-line), and
// DELETE /api/delete (200 with no body, or 404 with Ollama's error document). Also a port
// where nothing listens, for "Ollama is not running".
#include <cstdint>
#include <string>
#include <vector>

#include "tests/fakes/loopback_http_server.h"

namespace tftsr::test {

struct FakeOllamaModel {
  std::string name;
  std::int64_t size = 0;
  std::string family;
  std::string parameter_size;
  std::string quantization;
};

namespace ollama_fake {

inline constexpr std::int64_t kLayerBytes = 2'019'377'376;  // llama3.2:3b's weights

ScriptedReply version(const std::string& version = "0.5.7");
ScriptedReply tags(const std::vector<FakeOllamaModel>& models);
// The progress lines of a pull: the manifest, `steps` download lines of one layer (completed
// rising to total), the digest check, the manifest write, then success when `with_success`.
std::vector<std::string> pull_lines(int steps, bool with_success = true);
// The lines, one chunk each, `delay_ms` apart.
ScriptedReply pull(int steps, int delay_ms = 0);
// `steps` lines, then Ollama's error line, and the stream ends.
ScriptedReply pull_error(int steps, const std::string& message);
// `steps` lines, half a line, then the connection closes.
ScriptedReply pull_closed_mid(int steps);
// 200 with no body, as Ollama answers a delete.
ScriptedReply deleted();
// 404 {"error":"model 'NAME' not found"}.
ScriptedReply not_found(const std::string& model);
// A captive portal's page where Ollama should be.
ScriptedReply html_page();

// A loopback port where nothing listens (bound, then closed).
int closed_port();

}  // namespace ollama_fake
}  // namespace tftsr::test
