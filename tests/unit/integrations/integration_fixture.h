#pragma once
// A real encrypted store with an incident and its RCA, a loopback server standing in for the
// service, and helpers to read back what the gate audited.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/triage.h"
#include "tests/fakes/loopback_http_server.h"
#include "tests/support/temp_dir.h"

namespace tftsr::test {

inline const std::string kToken = "ATATT3xFfGF0-test-token-7Qm2";
// Planted in documents and incidents: the gate must mask them before anything leaves.
inline const std::string kAwsKey = "AKIAIOSFODNN7EXAMPLE";
inline const std::string kEmail = "oncall.lead@example.org";

struct IntegrationFixture {
  TempDir dir;
  std::unique_ptr<Triage> t = Triage::open(dir / "data", "pw");
  LoopbackHttpServer server;
  std::string incident;
  std::string document;

  explicit IntegrationFixture(std::vector<ScriptedReply> script = {ScriptedReply::json(200, "{}")});

  std::string root() const;  // http://127.0.0.1:PORT
  // Configured with a token (user name for Confluence and ServiceNow).
  void configure(integrations::Service service);
  // Outbound audit entries of a service, oldest first.
  std::vector<AuditEntry> sends(integrations::Service service) const;
};

// The message of what f() throws, or "no error".
std::string error_of(const std::function<void()>& f);

// The "sha256" of an audit entry's details.
std::string audited_sha(const AuditEntry& e);

}  // namespace tftsr::test
