#include <doctest/doctest.h>

#include "core/ai/provider_repository.h"
#include "core/crypto/secret_box.h"
#include "core/error.h"
#include "core/store/database.h"
#include "core/store/migrations.h"
#include "tests/support/temp_dir.h"
#include "tests/unit/ai/stream_test_support.h"

using namespace tftsr;
using namespace tftsr::ai;

namespace {

SecretBox test_box() {
  std::array<std::uint8_t, SecretBox::kKeySize> key{};
  key.fill(7);
  return SecretBox(key);
}

ProviderConfig without_key(ProviderConfig c) {
  c.api_key.clear();
  return c;
}

}  // namespace

TEST_CASE("providers round-trip through the encrypted store with the key sealed") {
  test::TempDir dir;
  const std::string plaintext_key = "sk-live-PLAINTEXT-KEY-4711";
  const SecretBox box = test_box();
  std::string id;
  {
    auto db = Database::open(dir / "tftsr.db", "pw");
    apply_migrations(db);
    ProviderRepository repo(db);
    auto c = test::config_of(ProviderKind::AzureOpenAi);
    c.name = "Work Azure";
    c.temperature = 0.3;
    c.max_tokens = 2048;
    c.auth_header = "X-Custom";
    c.auth_prefix = "Key";
    c.endpoint_path = "/custom/path";
    c.api_version = "2024-10-21";
    id = repo.add(without_key(c), box.seal(plaintext_key));

    auto ollama = test::config_of(ProviderKind::Ollama);
    ollama.name = "local";
    repo.add(without_key(ollama), "");
    db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  }
  // Nothing of the key in the file, not even encrypted-page-wise by accident.
  const std::string bytes = test::read_file(dir / "tftsr.db");
  CHECK(bytes.find(plaintext_key) == std::string::npos);

  auto db = Database::open(dir / "tftsr.db", "pw");
  ProviderRepository repo(db);
  const auto r = repo.get(id);
  REQUIRE(r);
  CHECK(r->config.name == "Work Azure");
  CHECK(r->config.kind == ProviderKind::AzureOpenAi);
  CHECK(r->config.url == "https://contoso.openai.azure.com");
  CHECK(r->config.model == "gpt4o-prod");
  CHECK(r->config.max_tokens == 2048);
  CHECK(r->config.temperature == doctest::Approx(0.3));
  CHECK(r->config.auth_header == "X-Custom");
  CHECK(r->config.auth_prefix == "Key");
  CHECK(r->config.endpoint_path == "/custom/path");
  CHECK(r->config.api_version == "2024-10-21");
  CHECK(r->config.api_key.empty());
  CHECK(r->sealed_api_key != plaintext_key);
  CHECK(box.open(r->sealed_api_key) == plaintext_key);
  CHECK_FALSE(r->is_active);
  CHECK_FALSE(r->created_at.empty());

  const auto all = repo.list();
  REQUIRE(all.size() == 2);
  CHECK(all[0].config.name == "local");
  CHECK(all[0].sealed_api_key.empty());
  CHECK(repo.find_by_name("WORK AZURE")->id == id);
  CHECK(db.query_text("SELECT count(*) FROM ai_providers WHERE encrypted_api_key LIKE '%PLAINTEXT%'") == "0");
}

TEST_CASE("one active provider at most") {
  test::TempDir dir;
  auto db = Database::open(dir / "tftsr.db", "pw");
  apply_migrations(db);
  ProviderRepository repo(db);
  auto a = test::config_of(ProviderKind::Ollama);
  a.name = "a";
  auto b = a;
  b.name = "b";
  const auto id_a = repo.add(without_key(a), "");
  const auto id_b = repo.add(without_key(b), "");
  CHECK_FALSE(repo.active());
  repo.set_active(id_a);
  CHECK(repo.active()->id == id_a);
  repo.set_active(id_b);
  CHECK(repo.active()->id == id_b);
  CHECK(db.query_text("SELECT count(*) FROM ai_providers WHERE is_active = 1") == "1");
  CHECK_THROWS_AS(db.exec("UPDATE ai_providers SET is_active = 1"), Error);  // the schema refuses two
  CHECK_THROWS_WITH(repo.set_active("nope"), "no AI provider with id nope");
  CHECK(repo.active()->id == id_b);
}

TEST_CASE("the repository refuses plaintext keys, duplicate names and invalid configs") {
  test::TempDir dir;
  auto db = Database::open(dir / "tftsr.db", "pw");
  apply_migrations(db);
  ProviderRepository repo(db);
  const SecretBox box = test_box();
  auto c = test::config_of(ProviderKind::OpenAi);
  CHECK_THROWS_WITH(repo.add(c, ""), "a plaintext API key reached the provider repository; seal it first");
  c.api_key.clear();
  const auto id = repo.add(c, box.seal("k"));
  auto dup = c;
  dup.name = "TEST";
  CHECK_THROWS_WITH(repo.add(dup, ""), "a provider named 'test' already exists");
  auto anthropic = without_key(test::config_of(ProviderKind::Anthropic));
  anthropic.name = "claude";
  CHECK_THROWS_WITH(repo.add(anthropic, ""), "a provider of kind anthropic needs an API key");
  auto bad = c;
  bad.name = "other";
  bad.url = "localhost:11434";
  CHECK_THROWS_WITH(repo.add(bad, ""), doctest::Contains("has no scheme"));
  // Even bypassing the repository, the schema keeps a plaintext key out.
  CHECK_THROWS_AS(db.exec("UPDATE ai_providers SET encrypted_api_key = 'sk-proj-0123456789abcdefghijklmnopqrstuvwxyz'"), Error);
  CHECK(repo.list().size() == 1);

  c.model = "gpt-4o";
  repo.update(id, c, repo.get(id)->sealed_api_key);
  CHECK(repo.get(id)->config.model == "gpt-4o");
  CHECK(box.open(repo.get(id)->sealed_api_key) == "k");
  repo.update(id, c, "");  // the key removed
  CHECK(repo.get(id)->sealed_api_key.empty());
  repo.remove(id);
  CHECK_FALSE(repo.get(id));
  CHECK_THROWS_WITH(repo.remove(id), ("no AI provider with id " + id).c_str());
}

TEST_CASE("a conversation outlives the provider it used") {
  test::TempDir dir;
  auto db = Database::open(dir / "tftsr.db", "pw");
  apply_migrations(db);
  ProviderRepository repo(db);
  auto c = without_key(test::config_of(ProviderKind::Ollama));
  const auto id = repo.add(c, "");
  db.exec("INSERT INTO issues(id, title, severity, status, category, created_at, updated_at) "
          "VALUES ('i1', 't', 'P3', 'open', 'linux', 'x', 'x')");
  db.prepare("INSERT INTO ai_conversations(id, issue_id, provider, model, created_at, provider_id) "
             "VALUES ('c1', 'i1', 'ollama', 'llama3.1:8b', 'x', ?)")
      .bind(1, id)
      .run();
  db.exec("INSERT INTO ai_messages(id, conversation_id, role, content, created_at, prompt_tokens, completion_tokens, cut_off) "
          "VALUES ('m1', 'c1', 'assistant', 'partial', 'x', 10, 3, 1)");
  repo.remove(id);
  CHECK(db.query_text("SELECT count(*) FROM ai_conversations WHERE provider_id IS NULL") == "1");
  CHECK(db.query_text("SELECT cut_off FROM ai_messages WHERE id = 'm1'") == "1");
}
