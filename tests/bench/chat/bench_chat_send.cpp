// Enter to request: how long the chat service takes from send() to the first byte of the reply
// from a loopback provider that answers at once, for a 4 KB message with a 1 MB log attached
// (the gate scans all of it, masks, builds the body, hashes it, writes the audit entry and the
// message, then libcurl sends). The round trip to the loopback server is included, so the figure
// is an upper bound on "Enter to the request leaving". Target: <= 50 ms.
//   bench_chat_send [--runs N]
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/ai/provider_config.h"
#include "core/net/network_runtime.h"
#include "core/triage.h"
#include "tests/fakes/loopback_http_server.h"
#include "tests/support/temp_dir.h"
#include "tests/support/timing.h"

using namespace tftsr;
using namespace tftsr::test;

namespace {

std::string log_of_one_mib() {
  std::string text;
  int i = 0;
  while (text.size() < (1u << 20)) {
    text += "2026-11-30T10:00:" + std::to_string(10 + i % 50) + "Z app[" + std::to_string(1000 + i % 7) +
            "]: request " + std::to_string(i) + " from 10.0." + std::to_string(i % 250) + "." +
            std::to_string(i % 200) + " user=svc_" + std::to_string(i % 40) + " took " + std::to_string(i % 900) +
            " ms\n";
    if (i % 97 == 0) text += "2026-11-30T10:00:00Z app[1000]: ERROR timeout talking to db-" + std::to_string(i % 9) + ".corp.example\n";
    ++i;
  }
  return text;
}

std::string message_of_4_kib() {
  std::string m = "Checkout fails for ann@corp.example since 10:02; ";
  while (m.size() < 4096) m += "the pool shows 50/50 connections in use and requests queue for 30 s; ";
  return m.substr(0, 4096);
}

}  // namespace

int main(int argc, char** argv) {
  int runs = 20;
  for (int i = 1; i + 1 < argc; ++i)
    if (!std::strcmp(argv[i], "--runs")) runs = std::atoi(argv[i + 1]);
  const net::NetworkRuntime network;
  TempDir dir;
  auto t = Triage::open(dir.path() / "data", "bench");
  LoopbackHttpServer server({ScriptedReply::streamed({{0, "data: {\"choices\":[{\"delta\":{\"content\":\"ok\"}}]}\n\n"},
                                                       {0, "data: [DONE]\n\n"}})});
  ai::ProviderConfig c;
  c.name = "loopback";
  c.url = server.url("/v1");
  c.model = "bench";
  c.api_key = "sk-bench-0000000000000000";
  t->ai().add_provider(c);
  t->settings().set("ai.context_budget_bytes", std::to_string(2 << 20));

  const std::string log_text = log_of_one_mib();
  std::ofstream(dir.path() / "app.log", std::ios::binary) << log_text;
  const std::string message = message_of_4_kib();

  std::vector<double> first_byte, preview, total;
  std::size_t body_bytes = 0, findings = 0;
  for (int r = 0; r < runs + 1; ++r) {
    // A fresh incident each run: the history stays empty, so each request carries the same bytes.
    const std::string incident = t->incidents().create({"bench " + std::to_string(r), "P3", {}, {}}).id;
    const std::string log = t->logs().add(incident, dir.path() / "app.log").id;
    ChatDraft d{incident, {}, message, {log}, {}, {}};
    auto p0 = BenchClock::now();
    const ChatPreview p = t->ai().preview(d);
    const double preview_ms = ms_since(p0);
    body_bytes = p.body.size();
    findings = p.findings.size();
    double first = -1;
    ChatEvents events;
    const auto t0 = BenchClock::now();
    events.on_text = [&](std::string_view) {
      if (first < 0) first = ms_since(t0);
    };
    t->ai().send(d, events);
    const double all = ms_since(t0);
    if (r == 0) continue;  // the first run compiles the detector's patterns
    preview.push_back(preview_ms);
    first_byte.push_back(first);
    total.push_back(all);
  }
  const auto f = timing_stats(first_byte), p = timing_stats(preview), a = timing_stats(total);
  std::printf("chat send, 4 KB message + 1 MB log (unreviewed: every finding masked), %zu findings masked, body %zu "
              "bytes, %d runs\n",
              findings, body_bytes, runs);
  std::printf("  preview (gate dry run: read, excerpt, scan, mask, build, hash): p50 %.1f ms  p95 %.1f ms\n", p.p50, p.p95);
  std::printf("  send() to first reply byte (upper bound of Enter -> request out): p50 %.1f ms  p95 %.1f ms  max %.1f ms"
              "  (target <= 50 ms)\n",
              f.p50, f.p95, f.max);
  std::printf("  send() whole, reply stored: p50 %.1f ms  p95 %.1f ms\n", a.p50, a.p95);
  return 0;
}
