// Documents through the real binary: a 5-Whys typed by hand, generate, list, show, edit, export.
#include <doctest/doctest.h>

#include "core/crypto/sha256.h"
#include "tests/support/cli_runner.h"

using namespace tftsr::test;
using nlohmann::json;

namespace {
bool has(const std::string& text, const std::string& piece) { return text.find(piece) != std::string::npos; }

std::string worked_incident(const Cli& cli) {
  std::string issue =
      cli.run_json({"issue", "new", "--title", "Queue_backlog <b> & stuck | workers", "--severity", "P2"})["id"];
  const char* answers[] = {"Workers stopped consuming", "The broker rejected acks", "The broker disk was full",
                           "Retention was 30 days", "The default retention_days was kept"};
  for (int n = 1; n <= 5; ++n)
    cli.run_json({"why", "add", issue, "--step", std::to_string(n), "--question", "Why " + std::to_string(n) + "?",
                  "--answer", answers[n - 1]});
  auto r = cli.run({"why", "root-cause", issue, "broker retention_days left at its default"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return issue;
}
}  // namespace

TEST_CASE("doc generate prints the document, and --json gives the row with the seed's column names") {
  Cli cli;
  std::string issue = worked_incident(cli);
  auto r = cli.run({"doc", "generate", issue, "--type", "rca"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(has(r.out, "# Root cause analysis: Queue\\_backlog \\<b\\> \\& stuck \\| workers"));
  CHECK(has(r.out, "broker retention\\_days left at its default"));
  CHECK(has(r.out, "### Why 5: Why 5?"));

  json pm = cli.run_json({"doc", "generate", issue, "--type", "postmortem"});
  std::vector<std::string> keys;
  for (const auto& [k, v] : pm.items()) keys.push_back(k);
  CHECK(keys == std::vector<std::string>{"content_md", "created_at", "doc_type", "id", "issue_id", "title", "updated_at"});
  CHECK(pm["doc_type"] == "postmortem");
  CHECK(pm["issue_id"] == issue);
  CHECK(pm["title"] == "Post-mortem: Queue_backlog <b> & stuck | workers");
  CHECK(pm["created_at"].get<std::int64_t>() > 1'600'000'000'000);

  json list = cli.run_json({"doc", "list", issue});
  CHECK(list.size() == 2);
  auto table = cli.run({"doc", "list", issue});
  CHECK(has(table.out, "VERSION"));
  CHECK(has(table.out, "postmortem"));

  auto bad = cli.run({"doc", "generate", issue, "--type", "memo"});
  CHECK(bad.exit_code == 2);
  CHECK(has(bad.err, "unknown document type"));
  CHECK(cli.run({"doc", "show", "no-such-doc"}).exit_code == 1);
}

TEST_CASE("doc edit from a file and from stdin, then doc export writes what is stored, audited") {
  Cli cli;
  std::string issue = worked_incident(cli);
  std::string id = cli.run_json({"doc", "generate", issue, "--type", "rca"})["id"];

  write_file(cli.dir / "edit.md", "# Edited RCA\n\n| A | B |\n|---|---|\n| x_y | 日本語 |\n");
  auto e = cli.run({"doc", "edit", id, "--file", (cli.dir / "edit.md").string()});
  INFO(e.err);
  REQUIRE(e.exit_code == 0);
  CHECK(cli.run({"doc", "show", id}).out == "# Edited RCA\n\n| A | B |\n|---|---|\n| x_y | 日本語 |\n");
  auto s = cli.run({"doc", "edit", id, "--file", "-"}, "# From stdin\n\nSee [runbook](https://example.org/rb).\n");
  REQUIRE(s.exit_code == 0);
  CHECK(cli.run_json({"doc", "show", id})["content_md"] == "# From stdin\n\nSee [runbook](https://example.org/rb).\n");
  CHECK(cli.run({"doc", "edit", id, "--file", (cli.dir / "nope.md").string()}).exit_code != 0);

  const auto out = cli.dir / "rca.pdf";
  json r = cli.run_json({"doc", "export", id, "--format", "pdf", "-o", out.string()});
  CHECK(r["pages"] == 1);
  CHECK(r["sha256"] == tftsr::sha256_file_hex(out));
  auto text = run_process({"pdftotext", out.string(), "-"});
  CHECK(has(text.out, "From stdin"));
  CHECK(has(text.out, "Page 1 of 1"));

  auto again = cli.run({"doc", "export", id, "--format", "pdf", "-o", out.string()});
  CHECK(again.exit_code == 2);
  CHECK(has(again.err, "already exists"));
  CHECK(cli.run({"doc", "export", id, "--format", "pdf", "-o", out.string(), "--overwrite"}).exit_code == 0);

  auto missing = cli.run({"doc", "export", id, "--format", "html", "-o", (cli.dir / "no" / "x.html").string()});
  CHECK(missing.exit_code == 1);
  CHECK(has(missing.err, "does not exist"));
  auto fmt = cli.run({"doc", "export", id, "--format", "docx", "-o", (cli.dir / "x.docx").string()});
  CHECK(fmt.exit_code == 2);

  auto md = cli.run({"doc", "export", id, "--format", "md", "-o", (cli.dir / "rca.md").string()});
  CHECK(has(md.out, "Wrote "));
  CHECK(read_file(cli.dir / "rca.md") == "# From stdin\n\nSee [runbook](https://example.org/rb).\n");

  json audit = cli.run_json({"audit", "--action", "document_export"});
  REQUIRE(audit.size() == 3);
  bool found = false;
  for (const auto& a : audit)
    found |= json::parse(a["details"].get<std::string>())["sha256"] == tftsr::sha256_file_hex(cli.dir / "rca.md");
  CHECK(found);
}

TEST_CASE("why link ties log lines and images to a step, and the RCA lists them") {
  Cli cli;
  std::string issue = worked_incident(cli);
  json steps = cli.run_json({"why", "list", issue});
  const std::string step = steps[0]["id"];
  write_file(cli.dir / "app.log", "one\ntwo\nthree\nfour\n");
  std::string log = cli.run_json({"log", "add", issue, (cli.dir / "app.log").string()})["id"];

  json link = cli.run_json({"why", "link", step, "--log", log, "--lines", "2-3"});
  CHECK(link["first_line"] == 2);
  CHECK(link["last_line"] == 3);
  CHECK(link["image_id"].is_null());
  auto beyond = cli.run({"why", "link", step, "--log", log, "--lines", "3-9"});
  CHECK(beyond.exit_code == 2);
  CHECK(has(beyond.err, "has lines 1-4"));
  CHECK(cli.run({"why", "link", step, "--log", log, "--lines", "x"}).exit_code == 2);
  CHECK(cli.run({"why", "link", step, "--log", log}).exit_code == 2);
  CHECK(cli.run({"why", "link", step}).exit_code == 2);
  CHECK(cli.run({"why", "link", "no-step", "--log", log, "--lines", "1"}).exit_code == 1);

  std::string other = cli.run_json({"issue", "new", "--title", "other", "--severity", "P4"})["id"];
  std::string other_log = cli.run_json({"log", "add", other, (cli.dir / "app.log").string()})["id"];
  CHECK(cli.run({"why", "link", step, "--log", other_log, "--lines", "1"}).exit_code == 1);

  auto rca = cli.run({"doc", "generate", issue, "--type", "rca"});
  CHECK(has(rca.out, "**Linked evidence:**\n\n- Log app.log, lines 2-3"));
  json timeline = cli.run_json({"issue", "show", issue})["timeline"];
  bool linked = false;
  for (const auto& e : timeline) linked |= e["event_type"] == "evidence_linked";
  CHECK(linked);
}
