// What must never leave or be written: planted personal data and secrets never reach the
// provider, the audit entry hashes exactly the bytes that did, and the API key appears nowhere
// but in the request's header.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/crypto/sha256.h"
#include "tests/support/second_connection.h"
#include "tests/unit/chat/chat_fixture.h"

using namespace tftsr;
using namespace tftsr::test;

namespace {

const std::vector<std::string> kPlanted = {
    "oncall.lead@contoso-mail.example", "4111 1111 1111 1111", "ghp_R2d2C3poBb8Ee1Ww9Qq7Tt5Yy3Uu1Ii0Oo6Pp",
    "AKIAIOSFODNN7EXAMPLE", "10.44.12.201", "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx"};

std::string planted_text() {
  std::string out = "Customer ";
  out += kPlanted[0] + " paid with card " + kPlanted[1] + "; the deploy used token " + kPlanted[2] +
         " and key " + kPlanted[3] + " from " + kPlanted[4] + "; bot " + kPlanted[5];
  return out;
}

std::string every_text_in_the_store(Database& db) {
  std::string out;
  std::vector<std::string> tables;
  {
    auto st = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'");
    while (st.step()) tables.push_back(st.text(0));
  }
  for (const auto& table : tables) {
    auto st = db.prepare("SELECT * FROM \"" + table + "\"");
    while (st.step())
      for (int c = 0; c < 64; ++c) {
        try {
          if (!st.is_null(c)) out += st.text(c) + "\n";
        } catch (const std::exception&) {
          break;
        }
      }
  }
  return out;
}

std::string every_file_under(const std::filesystem::path& dir) {
  std::string out;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
    if (e.is_regular_file()) {
      std::ifstream in(e.path(), std::ios::binary);
      std::stringstream s;
      s << in.rdbuf();
      out += s.str();
    }
  return out;
}

}  // namespace

TEST_CASE("capture: planted values in typed text and in an unreviewed log never reach the provider") {
  ChatFixture f({openai_stream("received")});
  const std::string log = f.add_log("deploy.log", "10:00 start\n10:01 ERROR " + planted_text() + "\n10:02 end\n");
  ChatDraft d = f.draft(planted_text());
  d.log_ids = {log};
  const ChatOutcome out = f.t->ai().send(d);
  ChatDraft analyze_draft = f.draft("and again: " + planted_text());
  f.t->ai().send(analyze_draft);

  REQUIRE(f.server.requests().size() == 2);
  const std::string sent = f.all_bodies();
  for (const auto& value : kPlanted) {
    CAPTURE(value);
    CHECK(sent.find(value) == std::string::npos);
  }
  CHECK(sent.find("[Email_1]") != std::string::npos);

  // The audit entry of each send holds the SHA-256 of exactly the bytes the server received.
  AuditFilter filter;
  filter.action = "ai_send";
  auto entries = f.t->audit().entries(filter);
  std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.seq < b.seq; });
  REQUIRE(entries.size() == 2);
  for (std::size_t i = 0; i < 2; ++i) {
    const auto details = nlohmann::json::parse(*entries[i].details);
    CHECK(details["sha256"] == sha256_hex(f.server.requests()[i].body));
    CHECK(details["target_host"] == "127.0.0.1");
    CHECK(details["model"] == "gpt-test");
    CHECK(details["service"] == "loopback");
  }
  const auto first = nlohmann::json::parse(*entries[0].details);
  CHECK(first["log_ids"] == nlohmann::json::array({log}));
  CHECK(first["redacted"]["Email"].get<int>() >= 2);
  CHECK(out.sent_sha256 == first["sha256"]);
}

TEST_CASE("the API key is sent in its header and appears nowhere else: store, content files, audit, messages") {
  ChatFixture f({openai_stream("ok")});
  f.t->ai().send(f.draft("hello"));
  f.t->ai().test_provider("loopback");
  // It did go out, where it belongs: the test would pass vacuously otherwise.
  REQUIRE_FALSE(f.server.requests().empty());
  CHECK(f.server.requests().front().header("Authorization") == "Bearer " + kChatApiKey);

  auto db = second_connection(*f.t, "pw");
  CHECK(every_text_in_the_store(db).find(kChatApiKey) == std::string::npos);
  CHECK(every_text_in_the_store(db).find(kChatApiKey.substr(0, 12)) == std::string::npos);
  CHECK(every_file_under(f.t->data_dir()).find(kChatApiKey) == std::string::npos);
  const auto listed = f.t->ai().providers();
  REQUIRE(listed.size() == 1);
  CHECK(listed[0].config.api_key.empty());
  CHECK(listed[0].masked_api_key.find(kChatApiKey.substr(0, 8)) == std::string::npos);
  CHECK(listed[0].masked_api_key.substr(listed[0].masked_api_key.size() - 4) == kChatApiKey.substr(kChatApiKey.size() - 4));
  const auto exported = f.dir.path() / "audit.jsonl";
  f.t->audit().export_to(exported, {});
  CHECK(every_file_under(f.dir.path()).find(kChatApiKey) == std::string::npos);
}

TEST_CASE("the key survives a passphrase change: resealed, still sent") {
  ChatFixture f({openai_stream("ok")});
  f.t->change_passphrase("a new passphrase");
  f.t->ai().send(f.draft("hello"));
  CHECK(f.server.requests().back().header("Authorization") == "Bearer " + kChatApiKey);
}

TEST_CASE("providers: first one active, names unique, key replaced or removed, audited without the key") {
  ChatFixture f;
  ai::ProviderConfig c;
  c.name = "LOOPBACK";
  c.kind = ai::ProviderKind::Ollama;
  c.url = "http://127.0.0.1:11434";
  c.model = "llama3.2";
  CHECK_THROWS_WITH_AS(f.t->ai().add_provider(c), doctest::Contains("already exists"), Error);
  c.name = "local";
  const ProviderSummary local = f.t->ai().add_provider(c);
  CHECK_FALSE(local.is_active);  // the first provider stays the active one
  CHECK_FALSE(local.has_api_key);
  f.t->ai().use_provider("local");
  CHECK(f.t->ai().active_provider()->config.name == "local");

  ai::ProviderConfig changed = f.t->ai().provider("loopback").config;
  changed.api_key = "sk-replaced-9f8e7d6c5b4a";
  CHECK(f.t->ai().update_provider("loopback", changed, KeyChange::Replace).masked_api_key.find("4a") !=
        std::string::npos);
  CHECK_FALSE(f.t->ai().update_provider("loopback", changed, KeyChange::Remove).has_api_key);

  c.url = "127.0.0.1:11434";
  c.name = "noscheme";
  CHECK_THROWS_WITH_AS(f.t->ai().add_provider(c), doctest::Contains("http"), Error);

  f.t->ai().remove_provider("local");
  CHECK_THROWS_AS(f.t->ai().provider("local"), Error);
  for (const auto& e : f.t->audit().entries({}))
    if (e.details) {
      CHECK(e.details->find("sk-replaced") == std::string::npos);
      CHECK(e.details->find(kChatApiKey) == std::string::npos);
    }
}

TEST_CASE("connection test: success and a clear failure, both through the gate") {
  ChatFixture f({ScriptedReply::json(200, R"({"choices":[{"message":{"role":"assistant","content":"OK"},"finish_reason":"stop"}]})"),
                 ScriptedReply::json(401, R"({"error":{"message":"Incorrect API key provided"}})")});
  const ConnectionTest ok = f.t->ai().test_provider("loopback");
  CHECK(ok.ok);
  CHECK(ok.message.find("gpt-test") != std::string::npos);
  const ConnectionTest bad = f.t->ai().test_provider("loopback");
  CHECK_FALSE(bad.ok);
  CHECK(bad.message.find("API key") != std::string::npos);
  AuditFilter filter;
  filter.action = "connection_test";
  CHECK(f.t->audit().entries(filter).size() == 2);
}
