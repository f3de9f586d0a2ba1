#include <doctest/doctest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "core/crypto/sha256.h"
#include "core/error.h"
#include "core/pii/redactor.h"
#include "core/store/database.h"
#include "core/triage.h"
#include "core/pii/detector.h"
#include "core/pii/pii_type.h"
#include "tests/support/second_connection.h"
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
  CHECK(f.t->logs().scan(f.log).total == 4);
  auto spans = f.t->logs().findings(f.log);
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
  f.t->logs().scan(f.log);
  auto spans = f.t->logs().findings(f.log);
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

TEST_CASE("the scan summary counts what findings() holds, per type and decision, after carried decisions") {
  Fixture f;
  ScanSummary first = f.t->logs().scan(f.log);
  CHECK(first.total == 4);
  CHECK(first.by_type.at("Email").redact == 2);
  CHECK(first.by_type.at("Ipv4").redact == 2);
  CHECK(first.by_type.at("Ipv4").keep == 0);
  f.t->logs().set_finding_action(f.log, "keep", std::nullopt, std::string("Ipv4"));

  ScanSummary again = f.t->logs().scan(f.log);
  std::map<std::string, FindingCounts> counted;
  std::int64_t total = 0;
  for (const auto& s : f.t->logs().findings(f.log)) {
    ++(s.action == "keep" ? counted[s.pii_type].keep : counted[s.pii_type].redact);
    ++total;
  }
  CHECK(again.total == total);
  REQUIRE(again.by_type.size() == counted.size());
  for (const auto& [type, n] : counted) {
    CHECK(again.by_type.at(type).redact == n.redact);
    CHECK(again.by_type.at(type).keep == n.keep);
  }
  CHECK(again.by_type.at("Ipv4").keep == 2);

  std::vector<PiiSpan> streamed;
  f.t->logs().for_each_finding(f.log, [&](const PiiSpan& s) { streamed.push_back(s); });
  auto read = f.t->logs().findings(f.log);
  REQUIRE(streamed.size() == read.size());
  for (std::size_t i = 0; i < read.size(); ++i) {
    CHECK(streamed[i].id == read[i].id);
    CHECK(streamed[i].start_offset == read[i].start_offset);
    CHECK(streamed[i].original_value == read[i].original_value);
  }
  std::set<std::string> ids;
  const std::regex uuid_v7("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  for (std::size_t i = 0; i < read.size(); ++i) {
    ids.insert(read[i].id);
    CHECK(std::regex_match(read[i].id, uuid_v7));
    if (i > 0) CHECK(read[i - 1].id < read[i].id);  // in text order
  }
  CHECK(ids.size() == read.size());
  CHECK_THROWS_AS(f.t->logs().for_each_finding("no-such-log", [](const PiiSpan&) {}), Error);
}

TEST_CASE("a big log with many findings redacts, piece by piece, exactly as a whole-text redaction would") {
  test::TempDir dir;
  auto t = Triage::open(dir.path() / "data", "pw");
  const std::string issue = t->incidents().create({"big", "P3", {}, {}}).id;
  // More than two pieces of the stored text (StoredTextReader::kPieceSize), two findings on most
  // lines: pieces and scanned chunks end among findings.
  std::string text;
  for (int i = 0; text.size() < (std::size_t{9} << 20) + 777; ++i)
    text += i % 7 == 0 ? "line " + std::to_string(i) + " nothing here at all\n"
                       : "mail u" + std::to_string(i) + "@example.org from 10.0." + std::to_string(i % 250) + "." +
                             std::to_string(i % 199) + "\n";
  test::write_file(dir / "big.log", text);
  const std::string log = t->logs().add(issue, dir / "big.log").id;
  ScanSummary summary = t->logs().scan(log);
  CHECK(summary.total > 300000);
  t->logs().set_finding_action(log, "keep", std::nullopt, std::string("Ipv4"));
  auto spans = t->logs().findings(log);
  REQUIRE(static_cast<std::int64_t>(spans.size()) == summary.total);
  {  // the stored findings are those of one scan of the whole text
    const auto whole = pii::PiiDetector().scan(text);
    REQUIRE(whole.size() == spans.size());
    bool same = true;
    for (std::size_t i = 0; i < whole.size(); ++i)
      same = same && static_cast<std::int64_t>(whole[i].start) == spans[i].start_offset &&
             static_cast<std::int64_t>(whole[i].end) == spans[i].end_offset &&
             pii::pii_type_name(whole[i].type) == spans[i].pii_type && whole[i].replacement == spans[i].replacement;
    CHECK(same);
  }

  // A replacement that is not "[Type]" (a row written by another version) is honoured too.
  {
    Database raw = test::second_connection(*t, "pw");
    raw.prepare("UPDATE pii_spans SET replacement = '<mail>' WHERE id = ?").bind(1, spans[1].id).run();
    spans[1].replacement = "<mail>";
  }
  std::vector<pii::Finding> findings;
  std::vector<bool> flags;
  bool values_match = true;
  for (const auto& s : spans) {
    values_match = values_match && text.substr(s.start_offset, s.end_offset - s.start_offset) == s.original_value;
    findings.push_back({*pii::pii_type_from_name(s.pii_type), static_cast<std::size_t>(s.start_offset),
                        static_cast<std::size_t>(s.end_offset), s.replacement});
    flags.push_back(s.action != "keep");
  }
  CHECK(values_match);
  const std::string expected = pii::redact(text, findings, flags);
  RedactionSummary s = t->logs().apply_redactions(log);
  CHECK(t->logs().text(log, true) == expected);
  CHECK(s.sha256 == sha256_hex(expected));
  CHECK(s.redacted.at("Email") + s.kept.at("Ipv4") == summary.total);
}
