// A passphrase change killed at each of its steps. A child process runs the change and ends with
// _exit at the step, as a crash would: no unwinding, no rollback, no destructor, the files left as
// they are. The parent then opens what is left.
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <functional>

#include "core/error.h"
#include "core/triage.h"
#include "tests/support/second_connection.h"
#include "tests/support/temp_dir.h"

using namespace tftsr;

namespace {
constexpr const char* kOld = "old passphrase";
constexpr const char* kNew = "new passphrase";
constexpr const char* kToken = "servicenow-access-token-1";
constexpr const char* kRefresh = "servicenow-refresh-token-2";
constexpr const char* kApiKey = "sk-live-0123456789abcdef";
constexpr int kCrashed = 42;

std::filesystem::path anchor_file(const test::TempDir& dir) { return dir / "tftsr.db.audit-anchor"; }

// One secret of each kind a change re-seals, and audit entries for the anchor to record.
void plant_secrets(Triage& t) {
  test::second_connection(t, kOld)
      .prepare("INSERT INTO credentials(id, service, token_hash, encrypted_token, encrypted_refresh_token, created_at) "
               "VALUES ('c1', 'servicenow', 'h', ?, ?, 't')")
      .bind(1, t.seal_secret(kToken))
      .bind(2, t.seal_secret(kRefresh))
      .run();
  ai::ProviderConfig c;
  c.name = "hosted";
  c.kind = ai::ProviderKind::OpenAi;
  c.url = "http://127.0.0.1:9/v1";
  c.model = "gpt-4o-mini";
  c.api_key = kApiKey;
  t.ai().add_provider(c);
  t.incidents().remove(t.incidents().create({"audited", "P4", {}, {}}).id);
}

// Runs `body` in a child process that ends with kCrashed when it reaches `point`; the child's exit
// code (3: it never got there, 4: it threw).
int in_child_crashing_at(const std::string& point, const std::function<void(const Triage::FailurePoint&)>& body) {
  const pid_t pid = fork();
  if (pid == 0) {
    int code = 3;
    try {
      body([&](std::string_view at) {
        if (at == point) _exit(kCrashed);
      });
    } catch (...) {
      code = 4;
    }
    _exit(code);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int change_passphrase_crashing_at(const std::filesystem::path& dir, const std::string& point) {
  return in_child_crashing_at(point, [&](const Triage::FailurePoint& crash) {
    auto t = Triage::open(dir, kOld);
    t->set_failure_point_for_testing(crash);
    t->change_passphrase(kNew);
  });
}

// The open that finishes an interrupted change, itself killed at `point`.
int open_crashing_at(const std::filesystem::path& dir, const std::string& passphrase, const std::string& point) {
  return in_child_crashing_at(point, [&](const Triage::FailurePoint& crash) {
    Triage::set_open_failure_point_for_testing(crash);
    Triage::open(dir, passphrase);
  });
}

void check_secrets_readable(Triage& t, const std::string& passphrase) {
  auto db = test::second_connection(t, passphrase);
  CHECK(t.open_secret(db.query_text("SELECT encrypted_token FROM credentials")) == kToken);
  CHECK(t.open_secret(db.query_text("SELECT encrypted_refresh_token FROM credentials")) == kRefresh);
  CHECK(t.open_secret(db.query_text("SELECT encrypted_api_key FROM ai_providers")) == kApiKey);
  const auto providers = t.ai().providers();
  REQUIRE(providers.size() == 1);
  CHECK(providers[0].masked_api_key.substr(providers[0].masked_api_key.size() - 4) == "cdef");
  // Nothing of the change is left behind.
  CHECK(db.query_text("SELECT count(*) FROM passphrase_change") == "0");
  CHECK(db.query_text("SELECT count(*) FROM passphrase_change_secrets") == "0");
}

int passphrase_changes(Triage& t) {
  int n = 0;
  for (const auto& e : t.audit().entries({})) n += e.action == "passphrase_change";
  return n;
}
}  // namespace

TEST_CASE("a passphrase change killed at any step opens with exactly one passphrase, secrets and audit intact") {
  std::string point;
  bool changed = false;  // whether the change had passed the point of no return
  SUBCASE("while the re-sealed secrets are written, before their commit") { point = "passphrase_change.preparing"; }
  SUBCASE("after the re-sealed secrets are committed, before the re-key") { point = "passphrase_change.prepared"; }
  SUBCASE("right after the re-key") {
    point = "passphrase_change.rekeyed";
    changed = true;
  }
  SUBCASE("with the swap written, before its commit") {
    point = "passphrase_change.before_commit";
    changed = true;
  }
  SUBCASE("after the swap's commit, before the anchor is signed again") {
    point = "passphrase_change.swapped";
    changed = true;
  }
  SUBCASE("after the anchor is signed again, before the record is removed") {
    point = "passphrase_change.anchored";
    changed = true;
  }
  CAPTURE(point);

  test::TempDir dir;
  std::int64_t entries_before = 0;
  {
    auto t = Triage::open(dir.path(), kOld);
    plant_secrets(*t);
    entries_before = t->audit().verify().entries;
  }
  const std::string anchor_before = test::read_file(anchor_file(dir));

  REQUIRE(change_passphrase_crashing_at(dir.path(), point) == kCrashed);

  const char* right = changed ? kNew : kOld;
  const char* wrong = changed ? kOld : kNew;
  CHECK_THROWS_AS(Triage::open(dir.path(), wrong), Error);
  {
    auto t = Triage::open(dir.path(), right);
    check_secrets_readable(*t, right);
    auto v = t->audit().verify();
    CHECK_MESSAGE(v.ok, v.message);
    CHECK(v.entries == entries_before + (changed ? 1 : 0));
    CHECK(passphrase_changes(*t) == (changed ? 1 : 0));
    if (!changed) CHECK(test::read_file(anchor_file(dir)) == anchor_before);
    if (changed) CHECK(test::read_file(anchor_file(dir)).find("count " + std::to_string(v.entries) + "\n") != std::string::npos);
  }
  CHECK_THROWS_AS(Triage::open(dir.path(), wrong), Error);

  // Opened again, nothing changes; and the store takes the next change as any other.
  {
    auto t = Triage::open(dir.path(), right);
    check_secrets_readable(*t, right);
    CHECK(t->audit().verify().ok);
    t->change_passphrase("third passphrase");
  }
  auto t = Triage::open(dir.path(), "third passphrase");
  check_secrets_readable(*t, "third passphrase");
  auto v = t->audit().verify();
  CHECK_MESSAGE(v.ok, v.message);
  CHECK(passphrase_changes(*t) == (changed ? 2 : 1));
}

TEST_CASE("an open killed while it finishes an interrupted passphrase change is finished by the next open") {
  std::string first, second;
  SUBCASE("re-keyed; the open killed before its swap commits") {
    first = "passphrase_change.rekeyed";
    second = "passphrase_change.before_commit";
  }
  SUBCASE("re-keyed; the open killed after its swap, before the anchor") {
    first = "passphrase_change.rekeyed";
    second = "passphrase_change.swapped";
  }
  SUBCASE("re-keyed; the open killed after the anchor, before the record is removed") {
    first = "passphrase_change.rekeyed";
    second = "passphrase_change.anchored";
  }
  SUBCASE("swapped; the open killed before the anchor") {
    first = "passphrase_change.swapped";
    second = "passphrase_change.swapped";
  }
  SUBCASE("swapped; the open killed after the anchor, before the record is removed") {
    first = "passphrase_change.swapped";
    second = "passphrase_change.anchored";
  }
  CAPTURE(first);
  CAPTURE(second);

  test::TempDir dir;
  std::int64_t entries_before = 0;
  {
    auto t = Triage::open(dir.path(), kOld);
    plant_secrets(*t);
    entries_before = t->audit().verify().entries;
  }
  REQUIRE(change_passphrase_crashing_at(dir.path(), first) == kCrashed);
  REQUIRE(open_crashing_at(dir.path(), kNew, second) == kCrashed);

  CHECK_THROWS_AS(Triage::open(dir.path(), kOld), Error);
  auto t = Triage::open(dir.path(), kNew);
  check_secrets_readable(*t, kNew);
  auto v = t->audit().verify();
  CHECK_MESSAGE(v.ok, v.message);
  CHECK(v.entries == entries_before + 1);
  CHECK(passphrase_changes(*t) == 1);
}
