#include <doctest/doctest.h>

#include <chrono>
#include <future>
#include <thread>

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

 private:
  std::promise<void> holding_, release_;
  std::thread thread_;
};

// Runs read on another thread; fails the test instead of hanging if it waits for the writer.
template <class Read>
auto completes(Read read) -> decltype(read()) {
  auto f = std::async(std::launch::async, read);
  REQUIRE_MESSAGE(f.wait_for(std::chrono::seconds(30)) == std::future_status::ready, "the read waited for the writer");
  return f.get();
}
}  // namespace

TEST_CASE("the UI's reads complete while another thread holds a long write transaction open") {
  test::TempDir dir;
  auto t = Triage::open(dir.path(), "pw");
  const Incident a = t->incidents().create({"committed title", "P2", {}, {}});
  {
    HeldWrite write(*t, "UPDATE issues SET title = 'uncommitted title' WHERE id = '" + a.id + "'");
    auto list = completes([&] { return t->incidents().list({}); });
    REQUIRE(list.size() == 1);
    CHECK(list[0].title == "committed title");  // the last committed state
    CHECK(completes([&] { return t->incidents().get(a.id); }).incident.title == "committed title");
    CHECK(completes([&] { return t->incidents().search("committed"); }).size() == 1);
    CHECK(completes([&] { return t->incidents().dashboard(); }).open == 1);
    CHECK(completes([&] { return t->audit().entries({}); }).empty());
  }
  CHECK(t->incidents().get(a.id).incident.title == "uncommitted title");  // committed on release
}

TEST_CASE("after a passphrase change the read connection opens with the new passphrase") {
  test::TempDir dir;
  auto t = Triage::open(dir.path(), "pw");
  const Incident a = t->incidents().create({"before", "P2", {}, {}});
  {
    HeldWrite write(*t, "UPDATE issues SET title = 'held' WHERE id = '" + a.id + "'");
    CHECK(completes([&] { return t->incidents().get(a.id); }).incident.title == "before");  // opens it
  }
  t->change_passphrase("pw2");
  HeldWrite write(*t, "UPDATE issues SET title = 'held again' WHERE id = '" + a.id + "'");
  CHECK(completes([&] { return t->incidents().get(a.id); }).incident.title == "held");
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
