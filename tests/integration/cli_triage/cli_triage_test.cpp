// `tftsr triage INCIDENT` and `tftsr similar INCIDENT` through the real binary, offline.
#include <doctest/doctest.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "tests/support/cli_runner.h"

using namespace tftsr::test;
using nlohmann::json;

namespace {

// Quiet INFO lines every 10 s for 20 minutes, then from minute 12 a burst of pool errors.
std::string checkout_log(int day) {
  std::string log;
  char line[256];
  for (int s = 0; s < 20 * 60; s += 10) {
    std::snprintf(line, sizeof line, "2024-03-%02d 10:%02d:%02d,120 INFO  [http-%d] OrderController - order %d placed\n",
                  day, s / 60, s % 60, s % 7, 1000 + s);
    log += line;
    if (s >= 12 * 60) {
      for (int k = 0; k < 4; ++k) {
        std::snprintf(line, sizeof line,
                      "2024-03-%02d 10:%02d:%02d,%03d ERROR [http-%d] HikariPool-1 - Connection is not available, "
                      "request timed out after %dms.\n",
                      day, s / 60, s % 60, 100 + k, k, 30000 + k);
        log += line;
      }
    }
  }
  log += "2024-03-01 10:03:00,000 WARN  [main] Config - cache size low\n";
  return log;
}

std::string printer_log() {
  std::string log;
  for (int s = 0; s < 300; s += 5)
    log += "2024-02-10 08:0" + std::to_string(s / 60) + ":" + (s % 60 < 10 ? "0" : "") + std::to_string(s % 60) +
           " ERROR spooler: paper jam in tray " + std::to_string(s % 3) + "\n";
  return log;
}

std::string new_incident(const Cli& cli, const std::string& title, const std::string& description) {
  return cli.run_json({"issue", "new", "--title", title, "--severity", "P2", "--description", description})["id"];
}

}  // namespace

TEST_CASE("triage ranks the burst of pool errors first and names the start, without any network") {
  Cli cli;
  write_file(cli.dir / "app.log", checkout_log(1));
  const auto incident = new_incident(cli, "Checkout fails", "Customers cannot pay");
  cli.run_json({"log", "add", incident, (cli.dir / "app.log").string()});

  const json t = cli.run_json({"triage", incident});
  REQUIRE(t["problems"].is_array());
  REQUIRE_FALSE(t["problems"].empty());
  const auto& top = t["problems"][0];
  CHECK(top["template"].get<std::string>().find("Connection is not available") != std::string::npos);
  CHECK(top["level"] == "ERROR");
  CHECK(top["count"] == 4 * 48);
  CHECK(top["first_time"] == "2024-03-01 10:12:00");
  CHECK(top["new_since_start"] == true);
  CHECK(t["first_error"]["template"] == top["template"]);
  CHECK(t["start_source"] == "detected from the error rate");
  CHECK(t["start_time"] == "2024-03-01 10:12:00");
  CHECK(t["logs"].size() == 1);
  CHECK(t["per_minute"].size() >= 8);
  bool warning_listed = false;
  for (const auto& p : t["problems"]) warning_listed |= p["level"] == "WARNING";
  CHECK(warning_listed);

  // A given start moves "new since the start".
  const json given = cli.run_json({"triage", incident, "--since", "2024-03-01 10:00"});
  CHECK(given["start_source"] == "given");
  CHECK(given["start_time"] == "2024-03-01 10:00:00");

  // Search finds the incident by the text of a mined pattern, not only by its words.
  const json found = cli.run_json({"issue", "search", "request timed out after"});
  REQUIRE(found.size() == 1);
  CHECK(found[0]["id"] == incident);
  CHECK(cli.run_json({"issue", "search", "paper jam"}).empty());

  auto text = cli.run({"triage", incident});
  REQUIRE(text.exit_code == 0);
  CHECK(text.out.find("Checkout fails") != std::string::npos);
  CHECK(text.out.find("First error: 2024-03-01 10:12:00, app.log:") != std::string::npos);
  CHECK(text.out.find("Warnings and errors per minute") != std::string::npos);
}

TEST_CASE("similar names the earlier incident with the same error pattern and its answered whys") {
  Cli cli;
  write_file(cli.dir / "old.log", checkout_log(1));
  write_file(cli.dir / "printer.log", printer_log());
  write_file(cli.dir / "new.log", checkout_log(9));
  const auto old_id = new_incident(cli, "Orders time out at checkout", "Payment page hangs");
  cli.run_json({"log", "add", old_id, (cli.dir / "old.log").string()});
  cli.run_json({"why", "add", old_id, "--step", "1", "--question", "Why did orders time out?", "--answer",
                "The connection pool was exhausted by a slow report query"});
  const auto printer_id = new_incident(cli, "Office printer jammed", "Paper jam");
  cli.run_json({"log", "add", printer_id, (cli.dir / "printer.log").string()});
  const auto new_id = new_incident(cli, "Checkout slow again", "Customers see errors when paying");
  cli.run_json({"log", "add", new_id, (cli.dir / "new.log").string()});

  const json similar = cli.run_json({"similar", new_id});
  REQUIRE(similar.is_array());
  REQUIRE_FALSE(similar.empty());
  CHECK(similar[0]["id"] == old_id);
  CHECK(similar[0]["pattern_score"].get<double>() > 0.3);
  bool pool_shared = false;
  for (const auto& p : similar[0]["shared_patterns"])
    pool_shared |= p.get<std::string>().find("Connection is not available") != std::string::npos;
  CHECK(pool_shared);
  REQUIRE(similar[0]["answered_whys"].size() == 1);
  CHECK(similar[0]["answered_whys"][0]["answer"] == "The connection pool was exhausted by a slow report query");
  for (const auto& s : similar) CHECK(s["id"] != printer_id);
  for (const auto& s : similar) CHECK(s["id"] != new_id);

  auto text = cli.run({"similar", new_id});
  REQUIRE(text.exit_code == 0);
  CHECK(text.out.find("Orders time out at checkout") != std::string::npos);
  CHECK(text.out.find("slow report query") != std::string::npos);
}

TEST_CASE("triage names a similar earlier incident and its root cause, never a later one") {
  Cli cli;
  write_file(cli.dir / "old.log", checkout_log(1));
  write_file(cli.dir / "new.log", checkout_log(9));
  const auto old_id = new_incident(cli, "Orders time out at checkout", "Payment page hangs");
  cli.run_json({"log", "add", old_id, (cli.dir / "old.log").string()});
  cli.run_json({"why", "root-cause", old_id, "A slow report query held every pooled connection"});
  const auto new_id = new_incident(cli, "Checkout slow again", "Customers see errors when paying");
  cli.run_json({"log", "add", new_id, (cli.dir / "new.log").string()});

  const json t = cli.run_json({"triage", new_id});
  REQUIRE(t["similar"].is_array());
  REQUIRE_FALSE(t["similar"].empty());
  CHECK(t["similar"][0]["id"] == old_id);
  CHECK(t["similar"][0]["title"] == "Orders time out at checkout");
  CHECK(t["similar"][0]["root_cause"] == "A slow report query held every pooled connection");
  bool pool_shared = false;
  for (const auto& p : t["similar"][0]["shared_patterns"])
    pool_shared |= p.get<std::string>().find("Connection is not available") != std::string::npos;
  CHECK(pool_shared);

  auto text = cli.run({"triage", new_id});
  REQUIRE(text.exit_code == 0);
  const auto block = text.out.find("Similar earlier incidents:");
  REQUIRE(block != std::string::npos);
  CHECK(text.out.find("Orders time out at checkout", block) != std::string::npos);
  CHECK(text.out.find("root cause: A slow report query held every pooled connection", block) != std::string::npos);

  // The earlier incident's triage does not name the later one.
  const json earlier = cli.run_json({"triage", old_id});
  CHECK(earlier["similar"].empty());
  CHECK(cli.run({"triage", old_id}).out.find("No similar earlier incident.") != std::string::npos);
  CHECK(cli.run_json({"similar", old_id}).empty());
}

TEST_CASE("triage and similar: no logs, an unknown incident, a bad start time") {
  Cli cli;
  const auto incident = new_incident(cli, "Nothing yet", "No logs");
  const json t = cli.run_json({"triage", incident});
  CHECK(t["problems"].empty());
  CHECK(t["first_error"].is_null());
  CHECK(t["logs"].empty());
  auto text = cli.run({"triage", incident});
  CHECK(text.out.find("No logs in this incident") != std::string::npos);
  CHECK(cli.run_json({"similar", incident}).empty());

  auto unknown = cli.run({"triage", "nope"});
  CHECK(unknown.exit_code == 1);
  CHECK(unknown.err.find("nope") != std::string::npos);
  auto bad = cli.run({"triage", incident, "--since", "yesterday"});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("--since wants a time like") != std::string::npos);
}
