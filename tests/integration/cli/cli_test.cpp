// The real `tftsr` binary, end to end, in a temporary data dir.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "tests/support/cli_runner.h"

using namespace tftsr::test;
using nlohmann::json;

namespace {
std::vector<std::string> ids_of(const json& arr) {
  std::vector<std::string> out;
  for (const auto& i : arr) out.push_back(i["id"]);
  return out;
}

ProcessResult sqlcipher(const std::filesystem::path& db, const std::string& key, const std::string& sql) {
  return run_process({"sqlcipher", db.string()}, {}, "PRAGMA key = '" + key + "';\n" + sql);
}
}  // namespace

TEST_CASE("issue new --json prints the row — search finds it and follows a title change") {
  Cli cli;
  json created = cli.run_json({"issue", "new", "--title", "Checkout latency spike", "--severity", "P2", "--category",
                               "kubernetes", "--description", "p99 above 2s"});
  for (const char* col : {"id", "title", "description", "severity", "status", "category", "source", "created_at",
                          "updated_at", "resolved_at", "assigned_to", "tags"})
    CHECK(created.contains(col));
  CHECK(created.size() == 12);
  CHECK(created["status"] == "open");
  const std::string id = created["id"];

  CHECK(ids_of(cli.run_json({"issue", "search", "checkout"})) == std::vector<std::string>{id});
  json updated = cli.run_json({"issue", "update", id, "--title", "Payment gateway timeouts"});
  CHECK(updated["title"] == "Payment gateway timeouts");
  CHECK(cli.run_json({"issue", "search", "checkout"}).empty());
  CHECK(ids_of(cli.run_json({"issue", "search", "gateway"})) == std::vector<std::string>{id});
}

TEST_CASE("list, show with 5-Whys and timeline, delete, audit") {
  Cli cli;
  std::string a = cli.run_json({"issue", "new", "--title", "A", "--severity", "P1"})["id"];
  std::string b = cli.run_json({"issue", "new", "--title", "B", "--severity", "P3"})["id"];
  CHECK(cli.run_json({"issue", "list"}).size() == 2);
  CHECK(ids_of(cli.run_json({"issue", "list", "--severity", "P1"})) == std::vector<std::string>{a});
  CHECK(cli.run_json({"issue", "list", "--limit", "1"}).size() == 1);

  json step = cli.run_json({"why", "add", a, "--step", "1", "--question", "Why did it fail?", "--answer", "disk"});
  CHECK(step["step_order"] == 1);
  json changed = cli.run_json({"why", "update", step["id"], "--evidence", "df -h output"});
  CHECK(changed["evidence"] == "df -h output");
  CHECK(cli.run_json({"issue", "update", a, "--status", "resolved"})["resolved_at"].is_string());

  json shown = cli.run_json({"issue", "show", a});
  CHECK(shown["resolution_steps"].size() == 1);
  CHECK(shown["timeline"].size() == 4);  // created, step_added, step_updated, status_changed
  auto human = cli.run({"issue", "show", a});
  CHECK(human.exit_code == 0);
  CHECK(human.out.find("Why did it fail?") != std::string::npos);
  CHECK(human.out.find("Status open → resolved") != std::string::npos);

  CHECK(cli.run({"issue", "delete", b}).exit_code == 0);
  json audit = cli.run_json({"audit", "--action", "issue_delete"});
  REQUIRE(audit.size() == 1);
  CHECK(audit[0]["entity_id"] == b);
  CHECK(cli.run_json({"audit", "--verify"})["ok"] == true);
}

TEST_CASE("exit codes: usage 2, wrong key 3, not found 1 — errors on stderr") {
  Cli cli;
  REQUIRE(cli.run({"issue", "new", "--title", "x", "--severity", "P1"}).exit_code == 0);

  auto r = cli.run({"issue", "new", "--title", "x", "--severity", "P9"});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  r = cli.run({"issue", "new", "--severity", "P1"});
  CHECK(r.exit_code == 2);
  r = cli.run({"frobnicate"});
  CHECK(r.exit_code == 2);
  r = cli.run({"why", "add", "someid", "--step", "7", "--question", "q"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("step 7") != std::string::npos);
  r = cli.run({"issue", "show", "no-such-id"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("no incident with id no-such-id") != std::string::npos);

  std::string before = read_file(cli.db());
  r = cli.run_with_key("not the key", {"issue", "list"});
  CHECK(r.exit_code == 3);
  CHECK(r.err.find("wrong passphrase, or not a TFTSR database") != std::string::npos);
  CHECK(read_file(cli.db()) == before);

  CHECK(cli.run({"--help"}).exit_code == 0);
  CHECK(cli.run({"issue", "--help"}).exit_code == 0);
}

TEST_CASE("the passphrase can come from a key file — without any source the CLI says how to give one") {
  Cli cli;
  write_file(cli.dir / "key.txt", cli.key + "\n");
  auto r = run_process({TFTSR_BINARY, "issue", "list", "--data-dir", cli.data_dir().string(), "--key-file",
                        (cli.dir / "key.txt").string()},
                       {}, {}, {"TFTSR_DB_KEY"});
  CHECK(r.exit_code == 0);
  CHECK(cli.run({"issue", "list"}).exit_code == 0);  // same key through the environment opens it

  r = run_process({TFTSR_BINARY, "issue", "list", "--data-dir", cli.data_dir().string()}, {}, {}, {"TFTSR_DB_KEY"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("TFTSR_DB_KEY") != std::string::npos);
}

TEST_CASE("the sqlcipher tool reads the schema with only PRAGMA key and cannot delete audit entries") {
  Cli cli;
  std::string id = cli.run_json({"issue", "new", "--title", "x", "--severity", "P4"})["id"];
  REQUIRE(cli.run({"issue", "delete", id}).exit_code == 0);

  auto r = sqlcipher(cli.db(), cli.key, "SELECT count(*) FROM sqlite_master WHERE name = 'issues';\n");
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("1") != std::string::npos);

  r = sqlcipher(cli.db(), cli.key, "DELETE FROM audit_log;\n");
  CHECK(r.exit_code != 0);
  CHECK(r.err.find("append-only") != std::string::npos);
  CHECK(cli.run_json({"audit"}).size() == 1);
}

TEST_CASE("audit --verify detects an edit made with the sqlcipher tool") {
  Cli cli;
  for (int i = 0; i < 3; ++i) {
    std::string id = cli.run_json({"issue", "new", "--title", "t" + std::to_string(i), "--severity", "P4"})["id"];
    REQUIRE(cli.run({"issue", "delete", id}).exit_code == 0);
  }
  json entries = cli.run_json({"audit"});
  REQUIRE(entries.size() == 3);
  std::string victim = entries[1]["id"];
  auto r = sqlcipher(cli.db(), cli.key,
                     "DROP TRIGGER audit_log_no_update;\nUPDATE audit_log SET entity_id = 'forged' WHERE id = '" +
                         victim + "';\n");
  REQUIRE(r.exit_code == 0);

  r = cli.run({"audit", "--verify"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find(victim) != std::string::npos);
  auto rj = cli.run({"audit", "--verify", "--json"});
  CHECK(rj.exit_code == 1);
  json v = json::parse(rj.out);
  CHECK(v["ok"] == false);
  CHECK(v["first_broken_id"] == victim);
}
