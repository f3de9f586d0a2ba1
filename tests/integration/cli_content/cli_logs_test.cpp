// Logs through the real binary: import, scan, decisions, redaction, audit.
#include <doctest/doctest.h>

#include <sstream>

#include "tests/support/cli_runner.h"

using namespace tftsr::test;
using nlohmann::json;

namespace {
const std::string kLog =
    "Nov 23 10:00:01 web01 sshd[811]: Failed password for root from 203.0.113.9 port 4022 ssh2\r\n"
    "Nov 23 10:00:02 web01 app[90]: mail to carol@example.org bounced\r\n"
    "Nov 23 10:00:03 web01 app[90]: config token=ghp_0123456789abcdefghijklmnopqrstuvwxyzAB\r\n";
}

TEST_CASE("log add, list, scan, redact with --keep, cat --redacted, audit") {
  Cli cli;
  std::string issue = cli.run_json({"issue", "new", "--title", "ssh brute force", "--severity", "P2"})["id"];
  write_file(cli.dir / "auth.log", kLog);
  json log = cli.run_json({"log", "add", issue, (cli.dir / "auth.log").string()});
  CHECK(log["file_name"] == "auth.log");
  CHECK(log["line_count"] == 3);
  CHECK(log["redacted"] == 0);
  CHECK(log["content_hash"].get<std::string>().size() == 64);
  const std::string id = log["id"];
  CHECK(cli.run_json({"log", "list", issue}).size() == 1);

  json spans = cli.run_json({"log", "scan", id});
  std::vector<std::string> types;
  for (const auto& s : spans) types.push_back(s["pii_type"]);
  // The syslog host field and the login name are found too.
  CHECK(types == std::vector<std::string>{"Hostname", "Username", "Ipv4", "Hostname", "Email", "Hostname",
                                          "GitHubToken"});

  json summary =
      cli.run_json({"log", "redact", id, "--keep", "Ipv4", "--keep", "Hostname", "--keep", "Username"});
  CHECK(summary["kept"]["Ipv4"] == 1);
  CHECK(summary["redacted"]["Email"] == 1);
  auto cat = cli.run({"log", "cat", id, "--redacted"});
  CHECK(cat.exit_code == 0);
  CHECK(cat.out ==
        "Nov 23 10:00:01 web01 sshd[811]: Failed password for root from 203.0.113.9 port 4022 ssh2\n"
        "Nov 23 10:00:02 web01 app[90]: mail to [Email] bounced\n"
        "Nov 23 10:00:03 web01 app[90]: config token=[GitHubToken]\n");
  json audit = cli.run_json({"audit", "--action", "log_redact"});
  REQUIRE(audit.size() == 1);
  CHECK(json::parse(audit[0]["details"].get<std::string>())["sha256"] == summary["sha256"]);

  // Imported content never sits in the data dir in plaintext.
  for (const auto& e : std::filesystem::recursive_directory_iterator(cli.data_dir()))
    if (e.is_regular_file()) CHECK(read_file(e.path()).find("carol@example.org") == std::string::npos);
}

TEST_CASE("log add refuses binary and empty files with exit 2 and stores nothing") {
  Cli cli;
  std::string issue = cli.run_json({"issue", "new", "--title", "x", "--severity", "P4"})["id"];
  write_file(cli.dir / "core.dump", std::string("\x7f" "ELF\x02\x01\x01\0\0\0\0\0", 12) + std::string(64, '\0'));
  auto r = cli.run({"log", "add", issue, (cli.dir / "core.dump").string()});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("binary") != std::string::npos);
  write_file(cli.dir / "empty.log", "");
  r = cli.run({"log", "add", issue, (cli.dir / "empty.log").string()});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("empty") != std::string::npos);
  CHECK(cli.run_json({"log", "list", issue}).empty());
  r = cli.run({"log", "cat", "no-such-log"});
  CHECK(r.exit_code == 1);
}

TEST_CASE("scan FILE and redact FILE stream a file with no database: offsets, table, redacted text") {
  Cli cli;
  // Enough lines for several chunks, CRLF line ends (decoded to LF), values on every 50th line.
  std::string text, decoded;
  for (int i = 0; i < 40000; ++i) {
    std::string line = i % 50 == 0 ? "line " + std::to_string(i) + " mail u" + std::to_string(i) + "@example.org"
                                   : "line " + std::to_string(i) + " nothing to see here, just a filler line";
    text += line + "\r\n";
    decoded += line + "\n";
  }
  write_file(cli.dir / "big.log", text);
  auto direct = [](std::vector<std::string> args) {  // no --data-dir: these commands take none
    args.insert(args.begin(), TFTSR_BINARY);
    return run_process(args, {}, {});
  };
  auto scan = direct({"scan", (cli.dir / "big.log").string(), "--json"});
  REQUIRE(scan.exit_code == 0);
  std::size_t n = 0;
  std::istringstream lines(scan.out);
  for (std::string line; std::getline(lines, line); ++n) {
    const json f = json::parse(line);
    CHECK(f["type"] == "Email");
    const std::size_t start = f["start"], end = f["end"];
    CHECK(decoded.substr(start, end - start) == "u" + std::to_string(n * 50) + "@example.org");
  }
  CHECK(n == 800);
  CHECK(scan.err.find("800 findings") != std::string::npos);

  auto table = direct({"scan", (cli.dir / "big.log").string()});
  REQUIRE(table.exit_code == 0);
  CHECK(table.out.find("LINE:COL") == 0);
  CHECK(table.out.find("39951:17") != std::string::npos);  // the last value: line 39951, column 17

  auto redacted = direct({"redact", (cli.dir / "big.log").string()});
  REQUIRE(redacted.exit_code == 0);
  CHECK(redacted.out.find("@example.org") == std::string::npos);
  CHECK(redacted.out.find("line 39950 mail [Email]\nline 39951 nothing") != std::string::npos);
  CHECK(redacted.out.size() == decoded.size() - 800 * (std::string("@example.org").size()) -
                                   [&] {
                                     std::size_t local = 0;
                                     for (int i = 0; i < 40000; i += 50) local += 1 + std::to_string(i).size();
                                     return local;
                                   }() + 800 * std::string("[Email]").size());
  CHECK(redacted.err.find("800 of 800 findings redacted") != std::string::npos);
}
