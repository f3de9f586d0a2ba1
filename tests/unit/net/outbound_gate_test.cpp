// The outbound gate against a real store and a loopback server: what leaves, what is refused,
// and what the audit entry says.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "core/crypto/sha256.h"
#include "core/error.h"
#include "core/images/image_decoder.h"
#include "core/store/database.h"
#include "tests/unit/net/gate_fixture.h"

using namespace tftsr;
using namespace tftsr::test;
using net::BodyPart;

namespace {
const std::string kEmail = "alice.smith@example.com";
const std::string kToken = "ghp_0123456789abcdefghijABCDEFGHIJ012345";

// A small screenshot, attached to the fixture's incident (not acknowledged).
ImageAttachment add_screenshot(GateFixture& f) {
  RgbaImage img{40, 30, std::vector<std::uint8_t>(40 * 30 * 4, 200)};
  return f.t->images().add_bytes(f.incident, "screen.png", encode_png(img), true).image;
}
}  // namespace

TEST_CASE("gate: the server receives exactly the bytes whose SHA-256 the audit entry holds") {
  GateFixture f;
  auto result = f.t->gate().send(f.request({BodyPart::typed("the disk on db-7 is full")}));
  CHECK(result.response.status == 200);
  CHECK(result.response.body == R"({"ok":true})");

  auto got = f.server.requests();
  REQUIRE(got.size() == 1);
  CHECK(got[0].method == "POST");
  CHECK(got[0].target == "/v1/chat");
  CHECK(sha256_hex(got[0].body) == result.sha256);
  CHECK(static_cast<std::int64_t>(got[0].body.size()) == result.body_size);

  auto entries = f.sends();
  REQUIRE(entries.size() == 1);
  CHECK(entries[0].id == result.audit_entry_id);
  CHECK(entries[0].entity_type == "outbound");
  CHECK(entries[0].entity_id == "fake-provider");
  auto d = nlohmann::json::parse(*entries[0].details);
  CHECK(d["sha256"] == sha256_hex(got[0].body));
  CHECK(d["target_host"] == "127.0.0.1");
  CHECK(d["service"] == "fake-provider");
  CHECK(d["model"] == "fake-model-1");
  CHECK(d["bytes"] == got[0].body.size());
  CHECK(f.t->audit().verify().ok);
}

TEST_CASE("gate: a planted e-mail address and token in typed text do not reach the server") {
  GateFixture f;
  const std::string typed = "user " + kEmail + " cannot log in; token=" + kToken + " was rotated";
  auto review = f.t->gate().review({BodyPart::typed(typed)}, {});
  REQUIRE(review.parts.size() == 1);
  CHECK(review.masked() == 2);
  CHECK(review.parts[0].text.find(kEmail) == std::string::npos);
  CHECK(review.parts[0].text.find("[Email]") != std::string::npos);

  auto result = f.t->gate().send(f.request({BodyPart::typed(typed)}));
  auto got = f.server.requests();
  REQUIRE(got.size() == 1);
  CHECK(got[0].body.find(kEmail) == std::string::npos);
  CHECK(got[0].body.find("alice.smith") == std::string::npos);
  CHECK(got[0].body.find(kToken) == std::string::npos);
  CHECK(got[0].body.find("[Email]") != std::string::npos);
  CHECK(got[0].body.find("[GitHubToken]") != std::string::npos);

  auto d = nlohmann::json::parse(*f.sends().at(0).details);
  CHECK(d["redacted"]["Email"] == 1);
  CHECK(d["redacted"]["GitHubToken"] == 1);
  CHECK(f.sends().at(0).details->find(kEmail) == std::string::npos);
}

TEST_CASE("gate: a value the user explicitly kept is sent as it is, and counted as kept") {
  GateFixture f;
  auto req = f.request({BodyPart::typed("mail " + kEmail + " and bob@example.org")});
  req.keeps = {kEmail};
  f.t->gate().send(req);
  auto body = f.server.requests().at(0).body;
  CHECK(body.find(kEmail) != std::string::npos);
  CHECK(body.find("bob@example.org") == std::string::npos);
  auto d = nlohmann::json::parse(*f.sends().at(0).details);
  CHECK(d["redacted"]["Email"] == 1);
  CHECK(d["kept"]["Email"] == 1);
}

TEST_CASE("gate: an unacknowledged image is refused before any connection is opened") {
  GateFixture f;
  auto image = add_screenshot(f);
  try {
    f.t->gate().send(f.request({BodyPart::typed("see the screenshot"), BodyPart::image(image.id)}));
    FAIL("an unacknowledged image was accepted");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::InvalidInput);
    CHECK(std::string(e.what()).find("acknowledge") != std::string::npos);
  }
  f.server.stop();  // every connection it would have accepted is counted by now
  CHECK(f.server.connections() == 0);
  CHECK(f.sends().empty());
}

TEST_CASE("gate: an acknowledged image leaves as its burned-in PNG — its id is in the audit entry") {
  GateFixture f;
  auto image = add_screenshot(f);
  f.t->images().acknowledge(image.id);
  std::string png_sent;
  auto req = f.request({BodyPart::image(image.id)});
  req.build_body = [&](const std::vector<net::ClearedPart>& parts) {
    png_sent = parts.at(0).png;
    return json_body(parts);
  };
  f.t->gate().send(req);
  CHECK(png_sent.substr(1, 3) == "PNG");
  f.t->images().export_png(image.id, f.dir / "burned.png");
  CHECK(png_sent == read_file(f.dir / "burned.png"));
  auto d = nlohmann::json::parse(*f.sends().at(0).details);
  CHECK(d["image_ids"] == nlohmann::json::array({image.id}));
}

TEST_CASE("gate: a log excerpt leaves only as the log's redacted text") {
  GateFixture f;
  const std::string log = "10:00:01 login failed for " + kEmail + " from 10.1.2.3\n10:00:02 retry\n";
  write_file(f.dir / "app.log", log);
  auto id = f.t->logs().add(f.incident, f.dir / "app.log").id;

  // Never redacted: refused, nothing sent.
  CHECK_THROWS_WITH_AS(f.t->gate().send(f.request({BodyPart::log_excerpt(id, log)})),
                       doctest::Contains("apply redactions first"), Error);
  CHECK(f.server.requests().empty());

  f.t->logs().scan(id);
  f.t->logs().apply_redactions(id);
  // The original text is still refused once a redacted version exists.
  CHECK_THROWS_WITH_AS(f.t->gate().send(f.request({BodyPart::log_excerpt(id, log)})),
                       doctest::Contains("not part of its redacted text"), Error);
  CHECK(f.server.requests().empty());

  const std::string redacted = f.t->logs().text(id, true);
  const std::string excerpt = redacted.substr(0, redacted.find('\n') + 1);
  f.t->gate().send(f.request({BodyPart::log_excerpt(id, excerpt)}));
  auto got = f.server.requests();
  REQUIRE(got.size() == 1);
  CHECK(got[0].body.find(kEmail) == std::string::npos);
  CHECK(got[0].body.find("[Email]") != std::string::npos);
  auto d = nlohmann::json::parse(*f.sends().at(0).details);
  CHECK(d["log_ids"] == nlohmann::json::array({id}));
}

TEST_CASE("gate: the audit entry never holds a header value such as the API key") {
  GateFixture f;
  f.t->gate().send(f.request({BodyPart::typed("hello")}, "/v1/chat?key=" + kApiKey));
  auto got = f.server.requests();
  REQUIRE(got.size() == 1);
  CHECK(got[0].header("authorization") == "Bearer " + kApiKey);  // the header did go out
  auto entries = f.t->audit().entries({});
  REQUIRE_FALSE(entries.empty());
  for (const auto& e : entries) {
    CHECK(e.details.value_or("").find(kApiKey) == std::string::npos);
    CHECK(e.entity_id.find(kApiKey) == std::string::npos);
  }
}

TEST_CASE("gate: the send is recorded in the audit entry's transaction — a failing record sends nothing") {
  GateFixture f;
  std::string recorded_sha;
  auto req = f.request();
  req.record = [&](Database& db, const net::SendRecord& r) {
    CHECK(r.body.size() > 0);
    recorded_sha = r.sha256;
    // The audit entry is already visible inside the same transaction.
    CHECK(db.query_text("SELECT COUNT(*) FROM audit_log WHERE id = '" + r.audit_entry_id + "'") == "1");
  };
  auto result = f.t->gate().send(req);
  CHECK(recorded_sha == result.sha256);

  req.record = [](Database&, const net::SendRecord&) { throw Error(ErrorKind::Storage, "disk full"); };
  CHECK_THROWS_WITH_AS(f.t->gate().send(req), "disk full", Error);
  CHECK(f.sends().size() == 1);            // the failed one left no entry
  CHECK(f.server.requests().size() == 1);  // and sent nothing
}

TEST_CASE("gate: a URL without a scheme is refused with a clear message, before anything is written") {
  GateFixture f;
  auto req = f.request();
  req.target.url = "api.example.com/v1/chat";
  CHECK_THROWS_WITH_AS(f.t->gate().send(req), doctest::Contains("needs a scheme"), Error);
  CHECK(f.sends().empty());
}

TEST_CASE("gate: prepare is a dry run that shows exactly the body send() would send") {
  GateFixture f;
  auto req = f.request({BodyPart::typed("contact " + kEmail)});
  auto dry = f.t->gate().prepare(req);
  CHECK(dry.body.find(kEmail) == std::string::npos);
  CHECK(f.server.requests().empty());
  CHECK(f.sends().empty());
  auto result = f.t->gate().send(req);
  CHECK(result.sha256 == dry.sha256);
  CHECK(f.server.requests().at(0).body == dry.body);
}

TEST_CASE("gate: a piece of an unreviewed log leaves with every finding masked, keeps or not, and only at its offset") {
  GateFixture f;
  const std::string log = "10:00:00 start\n10:00:01 login failed for " + kEmail + " from 10.1.2.3\n";
  write_file(f.dir / "app.log", log);
  auto id = f.t->logs().add(f.incident, f.dir / "app.log").id;
  const std::string second = log.substr(log.find('\n') + 1);
  const auto at = static_cast<std::int64_t>(log.find('\n') + 1);

  // The same text at another offset is not what the log holds there.
  CHECK_THROWS_WITH_AS(f.t->gate().send(f.request({BodyPart::unreviewed_log(id, second, 0)})),
                       doctest::Contains("not its unreviewed text"), Error);
  CHECK(f.server.requests().empty());

  auto request = f.request({BodyPart::unreviewed_log(id, second, at), BodyPart::typed("ask " + kEmail)});
  request.keeps = {kEmail};  // kept in the typed text, never in the unreviewed log
  f.t->gate().send(request);
  auto got = f.server.requests();
  REQUIRE(got.size() == 1);
  const auto parts = nlohmann::json::parse(got[0].body)["parts"];
  CHECK(parts[0]["text"].get<std::string>().find(kEmail) == std::string::npos);
  CHECK(parts[1]["text"] == "ask " + kEmail);
  auto d = nlohmann::json::parse(*f.sends().at(0).details);
  CHECK(d["log_ids"] == nlohmann::json::array({id}));

  // Once redacted, a piece of the original is refused: only the redacted text may go.
  f.t->logs().scan(id);
  f.t->logs().apply_redactions(id);
  CHECK_THROWS_AS(f.t->gate().send(f.request({BodyPart::unreviewed_log(id, second, at)})), Error);
  const std::string redacted = f.t->logs().text(id, true);
  CHECK_THROWS_WITH_AS(f.t->gate().send(f.request({BodyPart::log_excerpt(id, redacted.substr(1), 0)})),
                       doctest::Contains("not part of its redacted text"), Error);
  f.t->gate().send(f.request({BodyPart::log_excerpt(id, redacted.substr(1), 1)}));
  CHECK(f.server.requests().size() == 2);
}
