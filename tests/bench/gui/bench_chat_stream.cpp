// Frame times of the chat while a reply streams in at about 200 tokens a second (a loopback server
// sending one OpenAI SSE chunk every 5 ms), with Markdown of every kind in the reply, then steady
// frames with the whole conversation on screen. Usage: bench_chat_stream [--tokens N]
// Prints the figures and the target (p95 <= 8 ms); not a ctest test.
#include <GLFW/glfw3.h>
#include <imgui.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "app/gui/headless_context.h"
#include "app/gui/shell.h"
#include "app/gui/ui_probe.h"
#include "app/gui/views/chat_view.h"
#include "tests/fakes/loopback_http_server.h"
#include "tests/support/temp_dir.h"
#include "tests/support/timing.h"

using namespace tftsr;
using namespace tftsr::gui;
using tftsr::test::BodyPiece;
using tftsr::test::ms_since;
using Clock = tftsr::test::BenchClock;

namespace {

constexpr const char* kPassphrase = "bench passphrase";

void report(const char* what, const test::TimingStats& s, double target) {
  std::printf("%-44s frames %5zu  mean %6.2f ms  p50 %6.2f  p95 %6.2f  max %6.2f   target p95 <= %.0f ms  %s\n", what,
              s.samples, s.mean, s.p50, s.p95, s.max, target, s.p95 <= target ? "OK" : "MISSED");
}

// The reply's tokens: a few words at a time, with headings, lists, code, a table.
std::vector<std::string> reply_tokens(int count) {
  static const char* const kParts[] = {
      "## Step ", "1\n\n", "The ", "consumer ", "group ", "**stopped** ", "after ", "the ", "rebalance ", "at ",
      "`03:12`", ".\n\n", "- check ", "the ", "*lag* ", "per ", "partition\n", "- restart ", "the ", "pod\n\n",
      "```bash\n", "kubectl ", "logs ", "-n ", "orders ", "consumer-0 ", "| grep ", "ERROR\n", "```\n\n",
      "| Partition | Lag |\n", "|---|---|\n", "| 0 | 1200 |\n", "| 1 | 30 |\n\n", "Next ", "we ", "look ", "at ",
      "the ", "broker ", "logs.\n\n"};
  std::vector<std::string> out;
  const int n = static_cast<int>(sizeof(kParts) / sizeof(kParts[0]));
  for (int i = 0; i < count; ++i) out.emplace_back(kParts[i % n]);
  return out;
}

std::string chunk(const std::string& text) {
  nlohmann::json d;
  d["content"] = text;
  nlohmann::json choice;
  choice["index"] = 0;
  choice["delta"] = d;
  nlohmann::json c;
  c["choices"] = nlohmann::json::array({choice});
  return "data: " + c.dump() + "\n\n";
}

void click(HeadlessContext& context, const std::function<void()>& draw, const char* key) {
  const probe::Item* item = probe::find(key);
  if (!item) {
    std::fprintf(stderr, "bench: '%s' is not on screen\n", key);
    std::exit(1);
  }
  context.io().MousePos = ImVec2((item->min.x + item->max.x) / 2, (item->min.y + item->max.y) / 2);
  context.frame(draw);
  context.io().MouseDown[0] = true;
  context.frame(draw);
  context.io().MouseDown[0] = false;
  context.frame(draw);
}

}  // namespace

int main(int argc, char** argv) {
  int tokens = 1500;
  for (int i = 1; i + 1 < argc; ++i)
    if (std::strcmp(argv[i], "--tokens") == 0) tokens = std::atoi(argv[i + 1]);

  std::vector<BodyPiece> pieces;
  for (const std::string& t : reply_tokens(tokens)) pieces.push_back({5, chunk(t)});
  pieces.push_back({0, "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"});
  pieces.push_back({0, "data: [DONE]\n\n"});
  test::LoopbackHttpServer server({test::ScriptedReply::streamed(pieces)});

  test::TempDir dir;
  std::string incident_id;
  {
    auto store = Triage::open(dir.path(), kPassphrase);
    NewIncident in;
    in.title = "Orders stuck in the queue";
    in.severity = "P2";
    incident_id = store->incidents().create(in).id;
    ai::ProviderConfig c;
    c.name = "Loopback";
    c.url = server.url("/v1");
    c.model = "bench-model";
    store->ai().add_provider(c);
    store->settings().set(ChatView::kNoticeSetting, "1");
  }

  HeadlessContext context(ImVec2(1280, 800));
  UiConfig config;
  WorkerPool pool(2);
  Shell shell(pool, config, ShellOptions{dir.path(), kPassphrase, false});
  shell.state().mono_font = context.mono_font();
  shell.state().heading_font = context.heading_font();
  probe::set_enabled(true);
  auto draw = [&] {
    probe::clear();
    shell.frame();
  };
  while (!shell.unlocked()) {
    context.frame(draw);
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  shell.state().open_tab({ChatView::kKind, incident_id});
  for (int i = 0; i < 5; ++i) context.frame(draw);
  auto* chat = shell.find_view<ChatView>(incident_id);
  if (!chat) {
    std::fprintf(stderr, "bench: the chat tab did not open\n");
    return 1;
  }
  click(context, draw, "chat.input");
  context.io().AddInputCharactersUTF8("Orders stay in the queue after the deploy. What should I look at first?");
  context.frame(draw);
  context.io().KeysDown[GLFW_KEY_ENTER] = true;
  context.frame(draw);
  context.io().KeysDown[GLFW_KEY_ENTER] = false;

  // Frames as a 120 Hz display would ask for them, while the reply streams.
  std::vector<double> streaming;
  const auto sent = Clock::now();
  double first_text_ms = -1;
  while (chat->streaming()) {
    const auto t = Clock::now();
    context.frame(draw);
    streaming.push_back(ms_since(t));
    if (first_text_ms < 0 && !chat->streamed_text().empty()) first_text_ms = ms_since(sent);
    std::this_thread::sleep_for(std::chrono::microseconds(8333));
  }
  const double total_ms = ms_since(sent);
  if (chat->messages().size() != 2 || !chat->error().empty()) {
    std::fprintf(stderr, "bench: the reply did not arrive whole: %s\n", chat->error().c_str());
    return 1;
  }
  std::printf("reply: %d tokens, %zu bytes in %.0f ms (%.0f tokens/s), first text after %.0f ms\n", tokens,
              chat->messages()[1].text.size(), total_ms, tokens / (total_ms / 1000.0), first_text_ms);
  report("frame while a reply streams (200 tokens/s)", test::timing_stats(streaming), 8);

  std::vector<double> steady;
  for (int i = 0; i < 300; ++i) {
    const auto t = Clock::now();
    context.frame(draw);
    steady.push_back(ms_since(t));
  }
  report("frame with the whole reply on screen", test::timing_stats(steady), 8);
  probe::set_enabled(false);
  pool.shutdown();
  pool.drain();
  shell.close_store();
  return 0;
}
