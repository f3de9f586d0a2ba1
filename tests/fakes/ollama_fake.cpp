#include "tests/fakes/ollama_fake.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

namespace tftsr::test::ollama_fake {

namespace {
using nlohmann::json;
constexpr const char* kDigest = "sha256:dde5aa3fc5ffc17176b5e8bdc82f587b24b2678c6c66101bf7da77af9f7ccdff";
constexpr const char* kNdjson = "application/x-ndjson";
}  // namespace

ScriptedReply version(const std::string& v) { return ScriptedReply::json(200, json{{"version", v}}.dump()); }

ScriptedReply tags(const std::vector<FakeOllamaModel>& models) {
  json list = json::array();
  for (const auto& m : models)
    list.push_back({{"name", m.name},
                    {"model", m.name},
                    {"modified_at", "2025-01-14T10:21:09.213Z"},
                    {"size", m.size},
                    {"digest", "a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72"},
                    {"details",
                     {{"parent_model", ""},
                      {"format", "gguf"},
                      {"family", m.family},
                      {"families", {m.family}},
                      {"parameter_size", m.parameter_size},
                      {"quantization_level", m.quantization}}}});
  return ScriptedReply::json(200, json{{"models", list}}.dump());
}

std::vector<std::string> pull_lines(int steps, bool with_success) {
  std::vector<std::string> lines{json{{"status", "pulling manifest"}}.dump()};
  const std::string status = std::string("pulling ") + std::string(kDigest).substr(7, 12);
  lines.push_back(json{{"status", status}, {"digest", kDigest}, {"total", kLayerBytes}}.dump());
  for (int i = 1; i <= steps; ++i)
    lines.push_back(
        json{{"status", status}, {"digest", kDigest}, {"total", kLayerBytes}, {"completed", kLayerBytes * i / steps}}
            .dump());
  lines.push_back(json{{"status", "verifying sha256 digest"}}.dump());
  lines.push_back(json{{"status", "writing manifest"}}.dump());
  if (with_success) lines.push_back(json{{"status", "success"}}.dump());
  return lines;
}

ScriptedReply pull(int steps, int delay_ms) {
  std::vector<BodyPiece> pieces;
  for (const auto& line : pull_lines(steps)) pieces.push_back({delay_ms, line + "\n"});
  return ScriptedReply::streamed(std::move(pieces), kNdjson);
}

ScriptedReply pull_error(int steps, const std::string& message) {
  std::vector<BodyPiece> pieces;
  auto lines = pull_lines(steps, false);
  lines.resize(std::min<std::size_t>(lines.size(), static_cast<std::size_t>(steps) + 2));
  for (const auto& line : lines) pieces.push_back({0, line + "\n"});
  pieces.push_back({0, json{{"error", message}}.dump() + "\n"});
  return ScriptedReply::streamed(std::move(pieces), kNdjson);
}

ScriptedReply pull_closed_mid(int steps) {
  std::vector<BodyPiece> pieces;
  auto lines = pull_lines(steps + 1, false);
  for (int i = 0; i < steps + 2; ++i) pieces.push_back({0, lines[static_cast<std::size_t>(i)] + "\n"});
  const std::string next = lines[static_cast<std::size_t>(steps) + 2];
  pieces.push_back({0, next.substr(0, next.size() / 2)});
  ScriptedReply r = ScriptedReply::close_after(std::move(pieces));
  r.headers = {{"Content-Type", kNdjson}};
  return r;
}

ScriptedReply deleted() {
  ScriptedReply r;
  r.status = 200;
  r.pieces = {};
  return r;
}

ScriptedReply not_found(const std::string& model) {
  return ScriptedReply::json(404, json{{"error", "model '" + model + "' not found"}}.dump());
}

ScriptedReply html_page() {
  return ScriptedReply::html(200,
                             "<!DOCTYPE html><html><head><title>Guest Wi-Fi login</title></head>"
                             "<body><form>Accept the terms</form></body></html>");
}

int closed_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  int port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
    port = ntohs(addr.sin_port);
  ::close(fd);
  return port;
}

}  // namespace tftsr::test::ollama_fake
