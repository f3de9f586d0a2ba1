// The invariants the services keep on their own, whatever the caller: what is audited, what
// reaches the timeline, and which writes land together.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "core/crypto/sha256.h"
#include "core/error.h"
#include "core/triage.h"
#include "tests/support/second_connection.h"
#include "tests/support/temp_dir.h"
#include "tests/unit/images/image_fixtures.h"

using namespace tftsr;

namespace {
struct Fixture {
  test::TempDir dir;
  std::unique_ptr<Triage> t = Triage::open(dir.path() / "data", "pw");
  std::string incident = t->incidents().create({"invariants", "P2", {}, {}}).id;
  Database raw = test::second_connection(*t, "pw");

  std::vector<AuditEntry> audited(const std::string& action) {
    AuditFilter f;
    f.action = action;
    return t->audit().entries(f);
  }
  std::int64_t events(const std::string& type) {
    std::int64_t n = 0;
    for (const auto& e : t->incidents().timeline(incident)) n += e.event_type == type;
    return n;
  }
  // Makes the next insert of this event type (or audit action) fail, as a full disk would.
  void fail_next_event(const std::string& type) {
    raw.exec("CREATE TRIGGER planted_failure BEFORE INSERT ON timeline_events WHEN NEW.event_type = '" + type +
             "' BEGIN SELECT RAISE(ABORT, 'planted failure'); END");
  }
  void fail_next_audit(const std::string& action) {
    raw.exec("CREATE TRIGGER planted_failure BEFORE INSERT ON audit_log WHEN NEW.action = '" + action +
             "' BEGIN SELECT RAISE(ABORT, 'planted failure'); END");
  }
};

std::string read_text(const std::filesystem::path& p) { return test::read_file(p); }
}  // namespace

TEST_CASE("exporting the audit log writes the file and an entry with the SHA-256 of exactly that file") {
  Fixture f;
  f.t->incidents().remove(f.t->incidents().create({"gone", "P4", {}, {}}).id);  // one entry to export
  const auto csv = f.dir / "audit.csv";
  AuditExport written = f.t->audit().export_to(csv, {});
  CHECK(written.entries == 1);
  const std::string text = read_text(csv);
  CHECK(text.starts_with("seq,id,timestamp,action,"));
  CHECK(text.find("\"issue_delete\"") != std::string::npos);
  CHECK(written.sha256 == sha256_hex(text));

  auto entries = f.audited("audit_exported");
  REQUIRE(entries.size() == 1);
  auto details = nlohmann::json::parse(*entries[0].details);
  CHECK(details["sha256"] == sha256_hex(text));
  CHECK(details["format"] == "csv");
  CHECK(details["entries"] == 1);
  CHECK(details["file"] == csv.string());

  // JSON by extension; the filter chooses the entries.
  AuditFilter only_exports;
  only_exports.action = "audit_exported";
  const auto json_file = f.dir / "exports.json";
  CHECK(f.t->audit().export_to(json_file, only_exports).entries == 1);
  auto json = nlohmann::json::parse(read_text(json_file));
  REQUIRE(json.size() == 1);
  CHECK(json[0]["action"] == "audit_exported");
  CHECK(f.t->audit().verify().ok);
}

TEST_CASE("an audit export that cannot be written fails clearly and records nothing") {
  Fixture f;
  CHECK_THROWS_WITH_AS(f.t->audit().export_to(f.dir / "no-such-folder" / "audit.csv", {}),
                       doctest::Contains("could not write"), Error);
  CHECK(f.audited("audit_exported").empty());
}

TEST_CASE("acknowledging an image is audited and on the incident's timeline, once") {
  Fixture f;
  auto added = f.t->images().add_bytes(f.incident, "shot.bmp", test::to_bmp(test::solid_image(4, 3, 10, 20, 30)), false);
  CHECK_FALSE(added.image.pii_warning_acknowledged);
  CHECK(f.audited("image_acknowledge").empty());

  f.t->images().acknowledge(added.image.id);
  CHECK(f.t->images().get(added.image.id).pii_warning_acknowledged);
  auto entries = f.audited("image_acknowledge");
  REQUIRE(entries.size() == 1);
  CHECK(entries[0].entity_type == "image");
  CHECK(entries[0].entity_id == added.image.id);
  auto details = nlohmann::json::parse(*entries[0].details);
  CHECK(details["sha256"] == added.image.upload_hash);
  CHECK(details["issue_id"] == f.incident);
  CHECK(f.events("image_acknowledged") == 1);

  f.t->images().acknowledge(added.image.id);  // already acknowledged: nothing new to record
  CHECK(f.audited("image_acknowledge").size() == 1);
  CHECK(f.events("image_acknowledged") == 1);
  CHECK_THROWS_AS(f.t->images().acknowledge("no-such-image"), Error);
}

TEST_CASE("an image stays unacknowledged when its audit entry cannot be written") {
  Fixture f;
  auto added = f.t->images().add_bytes(f.incident, "shot.bmp", test::to_bmp(test::solid_image(2, 2, 1, 2, 3)), true);
  f.fail_next_audit("image_acknowledge");
  CHECK_THROWS_AS(f.t->images().acknowledge(added.image.id), Error);
  CHECK_FALSE(f.t->images().get(added.image.id).pii_warning_acknowledged);
  CHECK(f.events("image_acknowledged") == 0);
}

TEST_CASE("changing which PII types are detected is audited with the lists before and after") {
  Fixture f;
  CHECK(f.t->settings().disabled_pii_types().none());
  pii::PiiTypeSet off;
  off.set(static_cast<std::size_t>(pii::PiiType::Hostname));
  off.set(static_cast<std::size_t>(pii::PiiType::Ipv4));
  f.t->settings().set_disabled_pii_types(off);
  CHECK(f.t->settings().disabled_pii_types() == off);
  CHECK(f.t->settings().get(kDisabledPiiTypesSetting) == "Ipv4,Hostname");

  auto entries = f.audited("pii_types_change");
  REQUIRE(entries.size() == 1);
  CHECK(entries[0].entity_id == kDisabledPiiTypesSetting);
  auto details = nlohmann::json::parse(*entries[0].details);
  CHECK(details["before"] == "");
  CHECK(details["after"] == "Ipv4,Hostname");

  f.t->settings().set_disabled_pii_types(off);  // no change: no entry
  CHECK(f.audited("pii_types_change").size() == 1);

  // The generic setter cannot go around the audit.
  f.t->settings().set(kDisabledPiiTypesSetting, "ipv4");
  entries = f.audited("pii_types_change");
  REQUIRE(entries.size() == 2);
  details = nlohmann::json::parse(*entries[0].details);  // newest first
  CHECK(details["before"] == "Ipv4,Hostname");
  CHECK(details["after"] == "Ipv4");
  CHECK_THROWS_AS(f.t->settings().set(kDisabledPiiTypesSetting, "Ipv4,NoSuchType"), Error);
  CHECK(f.t->settings().get(kDisabledPiiTypesSetting) == "Ipv4");
  CHECK(f.t->audit().verify().ok);
}

TEST_CASE("a scan's findings and its timeline event land together or not at all") {
  Fixture f;
  const auto path = f.dir / "app.log";
  test::write_file(path, "login by alice@example.com from 10.1.2.3\n");
  LogFile log = f.t->logs().add(f.incident, path);

  f.fail_next_event("log_scanned");
  CHECK_THROWS_AS(f.t->logs().scan(log.id), Error);
  CHECK(f.t->logs().findings(log.id).empty());
  CHECK_FALSE(f.t->logs().get(log.id).scanned_at);

  f.raw.exec("DROP TRIGGER planted_failure");
  auto summary = f.t->logs().scan(log.id);
  CHECK(summary.total > 0);
  CHECK(f.t->logs().findings(log.id).size() == static_cast<std::size_t>(summary.total));
  CHECK(f.events("log_scanned") == 1);
}
