// The audit anchor and store maintenance through the real `tftsr` binary and the `sqlcipher` tool.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "tests/support/cli_runner.h"

using namespace tftsr::test;
using nlohmann::json;

namespace {
ProcessResult sqlcipher(const std::filesystem::path& db, const std::string& key, const std::string& sql) {
  return run_process({"sqlcipher", db.string()}, {}, "PRAGMA key = '" + key + "';\n" + sql);
}

void audited_deletions(const Cli& cli, int n) {
  for (int i = 0; i < n; ++i) {
    std::string id = cli.run_json({"issue", "new", "--title", "t" + std::to_string(i), "--severity", "P4"})["id"];
    REQUIRE(cli.run({"issue", "delete", id}).exit_code == 0);
  }
}
}  // namespace

TEST_CASE("audit --verify reports the newest entries removed with the sqlcipher tool") {
  Cli cli;
  audited_deletions(cli, 4);
  REQUIRE(cli.run({"audit", "--verify"}).exit_code == 0);

  auto r = sqlcipher(cli.db(), cli.key, "DROP TRIGGER audit_log_no_delete;\nDELETE FROM audit_log WHERE seq > 2;\n");
  REQUIRE(r.exit_code == 0);

  r = cli.run({"audit", "--verify"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("ends at entry #2 but its anchor records #4: the newest 2 entries were removed") !=
        std::string::npos);
  auto rj = cli.run({"audit", "--verify", "--json"});
  CHECK(rj.exit_code == 1);
  CHECK(json::parse(rj.out)["ok"] == false);
}

TEST_CASE("audit --verify reports a missing and a forged anchor") {
  Cli cli;
  audited_deletions(cli, 2);
  const auto anchor = cli.data_dir() / "tftsr.db.audit-anchor";
  const std::string good = read_file(anchor);

  std::string forged = good;
  forged.replace(forged.find("count 2"), 7, "count 1");  // as if the chain had been one shorter
  write_file(anchor, forged);
  auto r = cli.run({"audit", "--verify"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("fails authentication") != std::string::npos);

  std::filesystem::remove(anchor);
  r = cli.run({"audit", "--verify"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("is missing") != std::string::npos);
}

TEST_CASE("maintenance vacuum compacts the store and search still finds the right incidents") {
  Cli cli;
  std::vector<std::string> ids;
  for (const char* t : {"alpha disk full", "bravo dns", "charlie disk slow"})
    ids.push_back(cli.run_json({"issue", "new", "--title", t, "--severity", "P3"})["id"]);
  REQUIRE(cli.run({"issue", "delete", ids[0]}).exit_code == 0);

  json v = cli.run_json({"maintenance", "vacuum"});
  CHECK(v["bytes_before"].get<std::int64_t>() > 0);  // the unit test checks that space is given back
  CHECK(v["bytes_after"].get<std::int64_t>() > 0);
  auto human = cli.run({"maintenance", "vacuum"});
  CHECK(human.exit_code == 0);
  CHECK(human.out.find("search index rebuilt") != std::string::npos);

  json found = cli.run_json({"issue", "search", "disk"});
  REQUIRE(found.size() == 1);
  CHECK(found[0]["id"] == ids[2]);
  CHECK(cli.run({"audit", "--verify"}).exit_code == 0);
}
