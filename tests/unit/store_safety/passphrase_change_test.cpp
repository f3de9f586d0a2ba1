#include <doctest/doctest.h>

#include "core/error.h"
#include "core/triage.h"
#include "tests/support/second_connection.h"
#include "tests/support/temp_dir.h"

using namespace tftsr;

namespace {
void store_credential(Triage& t, const std::string& passphrase, const std::string& sealed) {
  test::second_connection(t, passphrase)
      .prepare("INSERT INTO credentials(id, service, token_hash, encrypted_token, created_at) VALUES "
               "('c1', 'confluence', 'h', ?, 't')")
      .bind(1, sealed)
      .run();
}
}  // namespace

TEST_CASE("a passphrase change that fails at any step leaves the store, its secrets and the anchor as they were") {
  const char* point = nullptr;
  SUBCASE("while the re-sealed secrets are stored, before the re-key") { point = "passphrase_change.preparing"; }
  SUBCASE("with the re-sealed secrets stored, before the re-key") { point = "passphrase_change.prepared"; }
  SUBCASE("right after the re-key") { point = "passphrase_change.rekeyed"; }
  SUBCASE("with everything written, before the commit") { point = "passphrase_change.before_commit"; }
  CAPTURE(point);

  test::TempDir dir;
  std::string sealed;
  {
    auto t = Triage::open(dir.path(), "old");
    sealed = t->seal_secret("sk-live-123");
    store_credential(*t, "old", sealed);
    t->incidents().remove(t->incidents().create({"audited", "P4", {}, {}}).id);
    const std::string anchor = test::read_file(dir / "tftsr.db.audit-anchor");

    bool reached = false;
    t->set_failure_point_for_testing([&](std::string_view at) {
      if (at != point) return;
      reached = true;
      throw Error(ErrorKind::Storage, "injected failure");
    });
    CHECK_THROWS_WITH(t->change_passphrase("new"), "injected failure");
    REQUIRE(reached);
    t->set_failure_point_for_testing({});

    // The open store carries on under the old passphrase.
    CHECK(t->open_secret(sealed) == "sk-live-123");
    CHECK(test::second_connection(*t, "old").query_text("SELECT encrypted_token FROM credentials") == sealed);
    CHECK_THROWS_AS(test::second_connection(*t, "new"), Error);
    CHECK(test::read_file(dir / "tftsr.db.audit-anchor") == anchor);
    CHECK(t->audit().verify().ok);
    CHECK(test::second_connection(*t, "old").query_text("SELECT count(*) FROM passphrase_change") == "0");
    t->incidents().remove(t->incidents().create({"still audited", "P4", {}, {}}).id);
  }

  CHECK_THROWS_AS(Triage::open(dir.path(), "new"), Error);
  auto t = Triage::open(dir.path(), "old");
  CHECK(t->open_secret(test::second_connection(*t, "old").query_text("SELECT encrypted_token FROM credentials")) ==
        "sk-live-123");
  auto v = t->audit().verify();
  CHECK(v.ok);
  CHECK(v.entries == 2);  // the two deletions; no passphrase_change
  for (const auto& e : t->audit().entries({})) CHECK(e.action != "passphrase_change");

  // And a change without a failure then goes through.
  t->change_passphrase("new");
  t.reset();
  t = Triage::open(dir.path(), "new");
  CHECK(t->open_secret(test::second_connection(*t, "new").query_text("SELECT encrypted_token FROM credentials")) ==
        "sk-live-123");
  CHECK(t->audit().verify().ok);
}
