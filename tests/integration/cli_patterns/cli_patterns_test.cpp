// `tftsr patterns FILE` and `tftsr log patterns LOG_ID` through the real binary.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "tests/support/cli_runner.h"

using namespace tftsr::test;
using nlohmann::json;

namespace {
// 7 lines, one of them empty, the last without LF.
const char* const kLog =
    "Jun 14 15:16:01 combo sshd(pam_unix)[19939]: check pass; user unknown\n"
    "Jun 14 15:16:02 combo sshd(pam_unix)[19937]: authentication failure; logname= uid=0 euid=0 rhost=218.188.2.4\n"
    "\n"
    "Jun 14 15:16:02 combo sshd(pam_unix)[19940]: check pass; user unknown\n"
    "Jun 14 15:17:30 combo sshd(pam_unix)[19941]: authentication failure; logname= uid=0 euid=0 rhost=10.1.2.3\n"
    "2024-01-01 10:00:02 ERROR Payment failed for order 77: card declined\n"
    "Jun 14 15:18:00 combo sshd(pam_unix)[2110]: check pass; user unknown";

// The shape the commands promise; returns the ids of the templates.
std::set<std::string> check_shape(const json& out, std::size_t lines, bool times_allowed) {
  REQUIRE(out.is_object());
  CHECK(out.size() == 2);
  REQUIRE(out["templates"].is_array());
  REQUIRE(out["lines"].is_array());
  CHECK(out["lines"].size() == lines);
  std::set<std::string> ids;
  for (const auto& t : out["templates"]) {
    for (const char* key : {"id", "template", "count", "first_line", "last_line", "level"}) CHECK(t.contains(key));
    CHECK(t.size() == (times_allowed && t.contains("first_time") ? 8u : 6u));
    CHECK(t["id"].get<std::string>().size() == 16);
    ids.insert(t["id"]);
  }
  for (const auto& id : out["lines"]) CHECK(ids.count(id.get<std::string>()) == 1);
  return ids;
}

const json& template_of(const json& out, const std::string& text) {
  for (const auto& t : out["templates"])
    if (t["template"] == text) return t;
  FAIL("no template " << text);
  throw 0;
}
}  // namespace

TEST_CASE("patterns FILE --json: templates and one template id per line, nothing stored") {
  Cli cli;
  write_file(cli.dir / "app.log", kLog);
  const json out = cli.run_json({"patterns", (cli.dir / "app.log").string()});
  check_shape(out, 7, false);
  const auto& check = template_of(out, "check pass; user unknown");
  CHECK(check["count"] == 3);
  CHECK(check["first_line"] == 1);
  CHECK(check["last_line"] == 7);
  CHECK(check["level"].is_null());
  CHECK(template_of(out, "Payment failed for order <*>: card declined")["level"] == "ERROR");
  const auto& empty = template_of(out, "<empty line>");
  CHECK(out["lines"][2] == empty["id"]);
  CHECK(out["lines"][0] == check["id"]);
  CHECK(out["lines"][6] == check["id"]);
  CHECK_FALSE(std::filesystem::exists(cli.data_dir()));

  // The same ids from a second run; the table is sorted by count.
  CHECK(cli.run_json({"patterns", (cli.dir / "app.log").string()}) == out);
  auto table = cli.run({"patterns", (cli.dir / "app.log").string()});
  REQUIRE(table.exit_code == 0);
  CHECK(table.out.find("check pass; user unknown") < table.out.find("Payment failed"));
  CHECK(table.out.find("7 lines, 4 patterns") != std::string::npos);
}

TEST_CASE("patterns FILE: an empty file, a missing file, a binary file") {
  Cli cli;
  write_file(cli.dir / "empty.log", "");
  const json out = cli.run_json({"patterns", (cli.dir / "empty.log").string()});
  check_shape(out, 0, false);
  CHECK(out["templates"].empty());
  auto missing = cli.run({"patterns", (cli.dir / "missing.log").string(), "--json"});
  CHECK(missing.exit_code != 0);
  CHECK(missing.err.find("missing.log") != std::string::npos);
  write_file(cli.dir / "bin.log", std::string("\x7f" "ELF\0\0\0\0\0\0\0\0", 12));
  auto binary = cli.run({"patterns", (cli.dir / "bin.log").string(), "--json"});
  CHECK(binary.exit_code == 2);
  CHECK(binary.err.find("binary") != std::string::npos);
}

TEST_CASE("log patterns LOG_ID --json: the stored log gives the same templates, with times") {
  Cli cli;
  write_file(cli.dir / "app.log", kLog);
  const std::string incident = cli.run_json({"issue", "new", "--title", "Login storm", "--severity", "P2"})["id"];
  const std::string log = cli.run_json({"log", "add", incident, (cli.dir / "app.log").string()})["id"];
  const json stored = cli.run_json({"log", "patterns", log});
  const json plain = cli.run_json({"patterns", (cli.dir / "app.log").string()});
  check_shape(stored, 7, true);
  CHECK(stored["lines"] == plain["lines"]);
  const auto& auth = template_of(stored, "authentication failure; logname= uid=<*> euid=<*> rhost=<*>");
  CHECK(auth["count"] == 2);
  CHECK(auth["first_time"].get<std::string>().ends_with("-06-14 15:16:02"));
  CHECK(auth["last_time"].get<std::string>().ends_with("-06-14 15:17:30"));
  CHECK(template_of(stored, "Payment failed for order <*>: card declined")["first_time"] == "2024-01-01 10:00:02");
  CHECK_FALSE(template_of(stored, "<empty line>").contains("first_time"));

  auto unknown = cli.run({"log", "patterns", "nope", "--json"});
  CHECK(unknown.exit_code == 1);
  CHECK(unknown.err.find("no log with id nope") != std::string::npos);
}
