#pragma once
// A real encrypted store with one incident, a loopback server, and a request to it through the
// store's outbound gate.
#include <memory>
#include <string>
#include <vector>

#include "core/net/outbound_gate.h"
#include "core/triage.h"
#include "tests/fakes/loopback_http_server.h"
#include "tests/support/temp_dir.h"

namespace tftsr::test {

inline const std::string kApiKey = "sk-test-Zq8RkT4vWm2Lp9Xy";

// {"parts":[{"kind":"text","text":...},{"kind":"image","id":...,"png_base64":...}]}
std::string json_body(const std::vector<net::ClearedPart>& parts);

struct GateFixture {
  TempDir dir;
  std::unique_ptr<Triage> t = Triage::open(dir.path() / "data", "pw");
  std::string incident = t->incidents().create({"gate", "P2", {}, {}}).id;
  LoopbackHttpServer server;

  explicit GateFixture(std::vector<ScriptedReply> script = {ScriptedReply::json(200, R"({"ok":true})")})
      : server(std::move(script)) {}

  net::OutboundRequest request(std::vector<net::BodyPart> parts = {net::BodyPart::typed("hello")},
                               const std::string& path = "/v1/chat") const;
  // The audit entries the gate wrote (action ai_send), oldest first.
  std::vector<AuditEntry> sends() const;
};

}  // namespace tftsr::test
