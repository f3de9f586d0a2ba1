#include "tests/unit/net/gate_fixture.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/crypto/base64.h"
#include "core/net/network_runtime.h"

namespace tftsr::test {

namespace {
// libcurl's global state, once for the test process, as main does for the app.
const net::NetworkRuntime runtime;
}  // namespace

std::string json_body(const std::vector<net::ClearedPart>& parts) {
  nlohmann::json out = {{"parts", nlohmann::json::array()}};
  for (const auto& p : parts) {
    if (p.kind == net::PartKind::Image)
      out["parts"].push_back({{"kind", "image"}, {"id", p.source_id}, {"png_base64", base64_encode(p.png)}});
    else
      out["parts"].push_back({{"kind", p.kind == net::PartKind::LogExcerpt ? "log" : "text"}, {"text", p.text}});
  }
  return out.dump();
}

net::OutboundRequest GateFixture::request(std::vector<net::BodyPart> parts, const std::string& path) const {
  net::OutboundRequest r;
  r.target = {"ai_send", "fake-provider", "fake-model-1", "POST", server.url(path)};
  r.headers = {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + kApiKey}};
  r.parts = std::move(parts);
  r.build_body = json_body;
  r.options.connect_timeout_ms = 3000;
  r.options.idle_timeout_ms = 5000;
  r.options.retry_base_ms = 10;
  return r;
}

std::vector<AuditEntry> GateFixture::sends() const {
  AuditFilter f;
  f.action = "ai_send";
  auto entries = t->audit().entries(f);
  std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.seq < b.seq; });
  return entries;
}

}  // namespace tftsr::test
