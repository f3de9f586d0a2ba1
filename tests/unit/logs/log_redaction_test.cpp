#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "core/crypto/sha256.h"
#include "core/error.h"
#include "core/store/database.h"
#include "core/triage.h"
#include "tests/support/temp_dir.h"

using namespace tftsr;

namespace {
const std::string kLog =
    "2026-11-23 10:00:01 INFO login ok user=alice@example.com from 10.1.2.3\n"
    "2026-11-23 10:00:02 WARN retry for bob@example.com from 10.1.2.3\n"
    "2026-11-23 10:00:03 INFO at org.springframework.boot.SpringApplication.run(SpringApplication.java:315)\n";

struct Fixture {
  test::TempDir dir;
  std::unique_ptr<Triage> t = Triage::open(dir.path() / "data", "pw");
  std::string issue = t->incidents().create({"redaction", "P2", {}, {}}).id;
  std::string log;
  Fixture() {
    test::write_file(dir / "app.log", kLog);
    log = t->logs().add(issue, dir / "app.log").id;
  }
  std::vector<std::string> types() {
    std::vector<std::string> out;
    for (const auto& s : t->logs().findings(log)) out.push_back(s.pii_type);
    return out;
  }
};
}  // namespace

TEST_CASE("scanning stores one span per finding with exact byte offsets — a rescan replaces them") {
  Fixture f;
  auto spans = f.t->logs().scan(f.log);
  CHECK(f.types() == std::vector<std::string>{"Email", "Ipv4", "Email", "Ipv4"});
  for (const auto& s : spans) CHECK(kLog.substr(s.start_offset, s.end_offset - s.start_offset) == s.original_value);
  CHECK(spans[0].original_value == "alice@example.com");
  CHECK(spans[0].replacement == "[Email]");
  CHECK(f.t->logs().get(f.log).scanned_at.has_value());

  f.t->logs().scan(f.log);
  CHECK(f.t->logs().findings(f.log).size() == 4);  // replaced, not duplicated
}

TEST_CASE("decisions: one finding, every finding of a type, every occurrence of a value — kept across rescans") {
  Fixture f;
  auto spans = f.t->logs().scan(f.log);
  CHECK(f.t->logs().set_finding_action(f.log, "keep", spans[0].id) == 1);
  CHECK(f.t->logs().set_finding_action(f.log, "keep", std::nullopt, std::string("ipv4"), std::string("10.1.2.3")) == 2);
  CHECK_THROWS_AS(f.t->logs().set_finding_action(f.log, "maybe", spans[0].id), Error);
  CHECK_THROWS_AS(f.t->logs().set_finding_action(f.log, "keep", std::nullopt, std::string("Nonsense")), Error);
  f.t->logs().scan(f.log);
  std::vector<std::string> actions;
  for (const auto& s : f.t->logs().findings(f.log)) actions.push_back(s.action);
  CHECK(actions == std::vector<std::string>{"keep", "keep", "redact", "keep"});
}

TEST_CASE("applying produces the redacted text, audits its hash and forgets the original values") {
  Fixture f;
  CHECK_THROWS_WITH(f.t->logs().apply_redactions(f.log), doctest::Contains("has not been scanned"));
  CHECK_THROWS_WITH(f.t->logs().text(f.log, true), doctest::Contains("no redacted version"));
  f.t->logs().scan(f.log);
  f.t->logs().set_finding_action(f.log, "keep", std::nullopt, std::string("Ipv4"));
  RedactionSummary s = f.t->logs().apply_redactions(f.log);

  const std::string expected =
      "2026-11-23 10:00:01 INFO login ok user=[Email] from 10.1.2.3\n"
      "2026-11-23 10:00:02 WARN retry for [Email] from 10.1.2.3\n"
      "2026-11-23 10:00:03 INFO at org.springframework.boot.SpringApplication.run(SpringApplication.java:315)\n";
  CHECK(f.t->logs().text(f.log, true) == expected);
  CHECK(f.t->logs().text(f.log, false) == kLog);  // the original stays, encrypted, for the record
  CHECK(s.sha256 == sha256_hex(expected));
  CHECK(s.redacted.at("Email") == 2);
  CHECK(s.kept.at("Ipv4") == 2);

  LogFile l = f.t->logs().get(f.log);
  CHECK(l.redacted);
  CHECK(l.redacted_sha256 == s.sha256);
  for (const auto& span : f.t->logs().findings(f.log)) CHECK(span.original_value.empty());

  AuditFilter filter;
  filter.action = "log_redact";
  auto audit = f.t->audit().entries(filter);
  REQUIRE(audit.size() == 1);
  auto details = nlohmann::json::parse(*audit[0].details);
  CHECK(details["sha256"] == sha256_hex(expected));
  CHECK(details["redacted"]["Email"] == 2);
  CHECK(details["kept"]["Ipv4"] == 2);
  CHECK(f.t->audit().verify().ok);
  CHECK(f.t->incidents().timeline(f.issue).back().event_type == "log_redacted");

  // Applying again after a rescan rewrites the redacted version instead of adding to it.
  f.t->logs().scan(f.log);
  f.t->logs().apply_redactions(f.log);
  CHECK(f.t->logs().text(f.log, true).size() == expected.size());
}

TEST_CASE("the disabled-types setting reaches detection") {
  Fixture f;
  f.t->settings().set(kDisabledPiiTypesSetting, "Ipv4");
  CHECK(f.types().empty());
  f.t->logs().scan(f.log);
  CHECK(f.types() == std::vector<std::string>{"Email", "Email"});
  f.t->settings().set(kDisabledPiiTypesSetting, "");
  f.t->logs().scan(f.log);
  CHECK(f.types().size() == 4);
  CHECK_THROWS_AS(f.t->settings().set(kDisabledPiiTypesSetting, "Ipv4,Bogus"), Error);
}
