#include <doctest/doctest.h>

#include <chrono>
#include <fstream>
#include <future>
#include <thread>

#include "core/ai/conversation_repository.h"
#include "core/crypto/uuid.h"
#include "core/images/image_decoder.h"
#include "core/integrations/integration_repository.h"
#include "core/store/read_connection.h"
#include "core/triage.h"
#include "tests/support/temp_dir.h"

using namespace tftsr;

namespace {
// Holds a write transaction open on the writer, with an uncommitted change, until released.
class HeldWrite {
 public:
  HeldWrite(Triage& t, std::string sql) {
    thread_ = std::thread([this, &t, sql] {
      t.write_for_testing([&](Database& db) {
        db.exec(sql);
        holding_.set_value();
        release_.get_future().wait();
      });
    });
    holding_.get_future().wait();
  }
  ~HeldWrite() { release(); }
  void release() {
    if (!thread_.joinable()) return;
    release_.set_value();
    thread_.join();
  }

  // Runs read on another thread while the write is held. A read that waits for the writer fails
  // the test (the write is then let go, so that the read ends and the test fails, not hangs).
  template <class Read>
  auto completes(Read read) -> decltype(read()) {
    auto f = std::async(std::launch::async, read);
    const bool done = f.wait_for(std::chrono::seconds(30)) == std::future_status::ready;
    if (!done) release();
    REQUIRE_MESSAGE(done, "the read waited for the writer");
    return f.get();
  }

 private:
  std::promise<void> holding_, release_;
  std::thread thread_;
};

}  // namespace

TEST_CASE("the UI's reads complete while another thread holds a long write transaction open") {
  test::TempDir dir;
  auto t = Triage::open(dir.path(), "pw");
  const Incident a = t->incidents().create({"committed title", "P2", {}, {}});
  {
    HeldWrite write(*t, "UPDATE issues SET title = 'uncommitted title' WHERE id = '" + a.id + "'");
    auto list = write.completes([&] { return t->incidents().list({}); });
    REQUIRE(list.size() == 1);
    CHECK(list[0].title == "committed title");  // the last committed state
    CHECK(write.completes([&] { return t->incidents().get(a.id); }).incident.title == "committed title");
    CHECK(write.completes([&] { return t->incidents().search("committed"); }).size() == 1);
    CHECK(write.completes([&] { return t->incidents().dashboard(); }).open == 1);
    CHECK(write.completes([&] { return t->audit().entries({}); }).empty());
  }
  CHECK(t->incidents().get(a.id).incident.title == "uncommitted title");  // committed on release
}

namespace {
// One of everything the views read while they draw, committed before the long write starts.
struct Stored {
  Incident incident;
  LogFile log;
  std::string image;
  std::string step;
  std::string conversation;
};

Stored store_one_of_everything(Triage& t, const test::TempDir& dir) {
  Stored s;
  s.incident = t.incidents().create({"committed title", "P2", {}, {}});
  {
    std::ofstream out(dir / "app.log");
    out << "first line\nsecond line from 10.0.0.1\nthird line\n";
  }
  s.log = t.logs().add(s.incident.id, dir / "app.log");
  RgbaImage pixels{4, 3, std::vector<std::uint8_t>(4 * 3 * 4, 200)};
  s.image = t.images().add_bytes(s.incident.id, "shot.png", encode_png(pixels), false).image.id;
  Annotation box;
  box.id = "box";
  box.kind = AnnotationKind::RedactionBox;
  box.p1 = {0, 0};
  box.p2 = {2, 2};
  box.color = {0, 0, 0, 255};
  t.images().save_annotations(s.image, {box});
  s.step = t.incidents().add_step(s.incident.id, 1, "why did it fail?").id;
  t.incidents().link_log_lines(s.step, s.log.id, 2, 2);
  t.documents().generate(s.incident.id, "rca");
  t.settings().set("ui.example", "committed");
  t.settings().set("pii.disabled_types", "email");
  ai::ProviderConfig provider;
  provider.name = "loopback";
  provider.kind = ai::ProviderKind::OpenAi;
  provider.url = "http://127.0.0.1:9";
  provider.model = "m";
  provider.api_key = "sk-read-connection-test-1234";
  const std::string provider_id = t.ai().add_provider(provider).id;
  t.ai().set_why_level(s.incident.id, 2);
  s.conversation = uuid_v7();
  t.write_for_testing([&](Database& db) {
    ai::ConversationRepository conversations(db);
    conversations.insert({s.conversation, s.incident.id, provider_id, "loopback", "m", utc_now_text(), {}});
    conversations.insert_message({uuid_v7(), s.conversation, "user", "hello", "", {}, {}, false, utc_now_text()});
    integrations::IntegrationLink link;
    link.incident_id = s.incident.id;
    link.service = integrations::Service::ServiceNow;
    link.kind = "ticket";
    integrations::IntegrationRepository(db).add_link(link);
  });
  return s;
}
}  // namespace

// Every read a view makes while it loads or draws. Each would wait (and fail here) if it went back
// to the writer's lock.
TEST_CASE("the reads the views make while drawing complete while another thread holds a long write open") {
  test::TempDir dir;
  auto t = Triage::open(dir.path(), "pw");
  const Stored s = store_one_of_everything(*t, dir);
  HeldWrite write(*t, "UPDATE issues SET title = 'uncommitted title' WHERE id = '" + s.incident.id +
                          "'; UPDATE settings SET value = 'uncommitted' WHERE key = 'ui.example'");
  const std::string& incident = s.incident.id;

  SUBCASE("incidents: steps, timeline, evidence") {
    REQUIRE(write.completes([&] { return t->incidents().steps(incident); }).size() == 1);
    CHECK_FALSE(write.completes([&] { return t->incidents().timeline(incident); }).empty());
    CHECK(write.completes([&] { return t->incidents().evidence(s.step); }).size() == 1);
  }
  SUBCASE("logs: list, get, text, lines") {
    REQUIRE(write.completes([&] { return t->logs().list(incident); }).size() == 1);
    CHECK(write.completes([&] { return t->logs().get(s.log.id); }).file_name == "app.log");
    CHECK(write.completes([&] { return t->logs().text_range(s.log.id, false, 0, 5); }) == "first");
    const LogLines third = write.completes([&] { return t->logs().lines(s.log.id, 3, 3); });
    CHECK(third.lines == std::vector<std::string>{"third line"});
  }
  SUBCASE("images: list, get, annotations, decode, depth, render") {
    REQUIRE(write.completes([&] { return t->images().list(incident); }).size() == 1);
    CHECK(write.completes([&] { return t->images().get(s.image); }).width == 4);
    CHECK(write.completes([&] { return t->images().annotations(s.image); }).size() == 1);
    CHECK(write.completes([&] { return t->images().decode(s.image); }).pixels[0] == 200);
    CHECK(write.completes([&] { return t->images().bits_per_channel(s.image); }) == 8);
    CHECK(write.completes([&] { return t->images().render(s.image); }).pixels[0] == 0);  // the box burned in
  }
  SUBCASE("documents") {
    CHECK(write.completes([&] { return t->documents().list(incident); }).size() == 1);
  }
  SUBCASE("settings: the last committed value") {
    CHECK(write.completes([&] { return t->settings().get("ui.example"); }) == "committed");
    CHECK_FALSE(write.completes([&] { return t->settings().list(); }).empty());
    const pii::PiiTypeSet off = write.completes([&] { return t->settings().disabled_pii_types(); });
    CHECK(pii::contains(off, pii::PiiType::Email));
  }
  SUBCASE("AI: providers with their masked key, conversations, messages, the 5 Whys") {
    const auto providers = write.completes([&] { return t->ai().providers(); });
    REQUIRE(providers.size() == 1);
    CHECK(providers[0].masked_api_key.find("1234") != std::string::npos);  // opened without the writer
    CHECK(write.completes([&] { return t->ai().active_provider(); })->config.name == "loopback");
    CHECK(write.completes([&] { return t->ai().conversations(incident); }).size() == 1);
    CHECK(write.completes([&] { return t->ai().conversation(incident, "loopback"); })->id == s.conversation);
    CHECK(write.completes([&] { return t->ai().conversation(incident, ""); })->id == s.conversation);
    CHECK(write.completes([&] { return t->ai().messages(s.conversation); }).size() == 1);
    CHECK(write.completes([&] { return t->ai().why_state(incident); }).level == 2);
  }
  SUBCASE("integrations: statuses and links") {
    CHECK(write.completes([&] { return t->integrations().statuses(); }).size() == 3);
    CHECK(write.completes([&] { return t->integrations().links(incident); }).size() == 1);
  }
}

TEST_CASE("after a passphrase change the read connection opens with the new passphrase") {
  test::TempDir dir;
  auto t = Triage::open(dir.path(), "pw");
  const Incident a = t->incidents().create({"before", "P2", {}, {}});
  {
    HeldWrite write(*t, "UPDATE issues SET title = 'held' WHERE id = '" + a.id + "'");
    CHECK(write.completes([&] { return t->incidents().get(a.id); }).incident.title == "before");  // opens it
  }
  t->change_passphrase("pw2");
  HeldWrite write(*t, "UPDATE issues SET title = 'held again' WHERE id = '" + a.id + "'");
  CHECK(write.completes([&] { return t->incidents().get(a.id); }).incident.title == "held");
}

TEST_CASE("the read connection is opened only when a read finds the writer busy") {
  test::TempDir dir;
  { Triage::open(dir.path(), "pw")->incidents().create({"x", "P3", {}, {}}); }
  Database writer = Database::open(dir / "tftsr.db", "pw");
  std::recursive_mutex lock;
  ReadConnection reader(dir / "tftsr.db", "pw");
  auto count = [](Database& db) { return db.query_text("SELECT count(*) FROM issues"); };

  CHECK(reader.run(lock, writer, count) == "1");
  CHECK_FALSE(reader.is_open());  // the writer was free: no second key derivation

  std::promise<void> held, release;
  std::thread other([&] {
    std::lock_guard<std::recursive_mutex> g(lock);
    held.set_value();
    release.get_future().wait();
  });
  held.get_future().wait();
  CHECK(reader.run(lock, writer, count) == "1");
  CHECK(reader.is_open());
  release.set_value();
  other.join();
}
