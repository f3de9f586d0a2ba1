// Generating the RCA and the post-mortem from the incident's facts, versions and edits.
#include <doctest/doctest.h>

#include "core/error.h"
#include "tests/unit/docs/docs_fixture.h"

using namespace tftsr;
using namespace tftsr::test;

namespace {
bool has(const std::string& text, const std::string& piece) { return text.find(piece) != std::string::npos; }

// The text between a "## " heading and the next heading of level 1 or 2, trimmed.
std::string section(const std::string& md, const std::string& heading) {
  auto at = md.find("\n## " + heading + "\n");
  REQUIRE_MESSAGE(at != std::string::npos, "no section " << heading);
  at += heading.size() + 5;
  auto end = md.find("\n## ", at);
  std::string s = md.substr(at, end == std::string::npos ? std::string::npos : end - at);
  auto b = s.find_first_not_of(" \n");
  return b == std::string::npos ? std::string() : s.substr(b, s.find_last_not_of(" \n") - b + 1);
}
}  // namespace

TEST_CASE("the RCA of a worked incident has every section with the incident's values, user text escaped") {
  DocsFixture f;
  Incident i = f.known_incident();
  Document d = f.triage->documents().generate(i.id, "rca");
  CHECK(d.doc_type == "rca");
  CHECK(d.version == 1);
  CHECK(d.title == "RCA: " + i.title);  // the title column keeps the text as typed
  const std::string& md = d.content_md;
  CHECK(has(md, "# Root cause analysis: Payment API 5xx: db\\_pool \\<script\\>alert(1)\\</script\\> \\& retries \\| EU\n"));

  std::string summary = section(md, "Summary");
  CHECK(has(summary, "| Severity | P1 |"));
  CHECK(has(summary, "| Domain | Databases |"));
  CHECK(has(summary, "| Status | resolved |"));
  CHECK(has(summary, "| Opened (UTC) | " + i.created_at + " |"));
  CHECK(has(summary, "| Resolved (UTC) | " + *i.resolved_at + " |"));
  CHECK(has(summary, "| Duration | "));
  CHECK(has(summary, "| Incident id | `" + i.id + "` |"));

  CHECK(section(md, "Description") == "Checkout returned HTTP 503 for 14 minutes.\\\nThe pool \\`max\\_pool\\_size\\` was 10.");
  std::string whys = section(md, "The 5 Whys");
  CHECK(has(whys, "### Why 1: Why did checkout fail?"));
  CHECK(has(whys, "**Answer:** The payment\\_api pods returned 503"));
  CHECK(has(whys, "**Evidence:** app.log lines 1200-1260"));
  CHECK(has(whys, "### Why 5: Why was there no backoff?"));
  CHECK(section(md, "Root cause") == "retry\\_policy shipped without backoff, so retries exhausted db\\_pool");

  LogFile log = f.triage->logs().get(f.log_id);
  std::string logs = section(md, "Logs analysed");
  CHECK(has(logs, "| app.log | " + std::to_string(*log.file_size) + " bytes | 2 | `" + *log.content_hash + "` | Redacted"));
  CHECK(has(logs, *log.redacted_sha256));

  std::string timeline = section(md, "Timeline");
  CHECK(has(timeline, "| Time (UTC) | Event | What happened |"));
  CHECK(has(timeline, "| created | Incident created (P1) |"));
  CHECK(has(timeline, "| root\\_cause\\_found |"));

  std::string actions = section(md, "Corrective actions");
  CHECK(has(actions, "| Action | Owner | Priority | Due date | Ticket |"));
  CHECK(has(actions, "Remove the root cause: retry\\_policy shipped"));
  CHECK(has(actions, "| High |"));
  CHECK_FALSE(has(md, "null"));
  CHECK_FALSE(has(md, "{{"));
}

TEST_CASE("the post-mortem is blameless and has every section, action items and supporting links") {
  DocsFixture f;
  Incident i = f.known_incident();
  Document d = f.triage->documents().generate(i.id, "postmortem");
  const std::string& md = d.content_md;
  CHECK(d.title == "Post-mortem: " + i.title);
  CHECK(has(md, "Blameless post-mortem"));
  for (const char* s : {"Summary", "Impact", "Detection", "Trigger", "Root causes and contributing factors", "Resolution",
                        "Timeline (UTC)", "Action items", "Lessons learned", "Supporting links"})
    CHECK_MESSAGE(!section(md, s).empty(), s);
  CHECK(has(section(md, "Summary"), "Checkout returned HTTP 503"));
  CHECK(has(section(md, "Trigger"), "The payment\\_api pods returned 503"));
  std::string causes = section(md, "Root causes and contributing factors");
  CHECK(has(causes, "**Root cause:** retry\\_policy shipped without backoff"));
  CHECK(has(causes, "- Why 4: No backoff in retry\\_policy"));
  CHECK(has(section(md, "Resolution"), "Resolved on " + *i.resolved_at + " UTC"));
  CHECK(has(section(md, "Timeline (UTC)"), "| created | Incident created (P1) |"));
  CHECK(has(section(md, "Action items"), "| Action | Owner | Priority | Due date | Ticket |"));
  std::string lessons = section(md, "Lessons learned");
  CHECK(has(lessons, "### What went well"));
  CHECK(has(lessons, "### What went wrong"));
  CHECK(has(lessons, "### Where we got lucky"));
  std::string links = section(md, "Supporting links");
  CHECK(has(links, "- Log app.log (SHA-256 `"));
  CHECK(has(links, "- Screenshot dashboard\\_cpu.bmp"));
  CHECK(has(links, "- Screenshot chat\\_screenshot.bmp"));
  CHECK_FALSE(has(md, "null"));
}

TEST_CASE("an empty incident's documents say what is missing in every section, never blank or null") {
  DocsFixture f;
  Incident i = f.triage->incidents().create({"Nothing known yet", "P4", {}, {}});
  for (const char* type : {"rca", "postmortem"}) {
    Document d = f.triage->documents().generate(i.id, type);
    const std::string& md = d.content_md;
    CAPTURE(md);
    CHECK_FALSE(has(md, "null"));
    CHECK_FALSE(has(md, "{{"));
    // No heading is directly followed by another heading.
    std::size_t at = 0;
    while ((at = md.find("\n#", at)) != std::string::npos) {
      auto next = md.find_first_not_of('\n', md.find('\n', at + 1));
      // A heading may open subsections ("## Lessons learned" then "### ..."), never stand empty.
      const bool subsection = next != std::string::npos && md.compare(next, 4, "### ") == 0 && md.compare(at + 1, 3, "## ") == 0;
      CHECK_MESSAGE((next == std::string::npos || md[next] != '#' || subsection), md.substr(at, 60));
      ++at;
    }
    if (std::string(type) == "rca") {
      CHECK(section(md, "Description") == "No description was recorded.");
      CHECK(section(md, "The 5 Whys") == "No 5-Whys steps were recorded.");
      CHECK(section(md, "Root cause") == "No root cause was recorded yet.");
      CHECK(section(md, "Logs analysed") == "No logs were analysed.");
      CHECK(has(section(md, "Summary"), "| Domain | Not set |"));
      CHECK(has(section(md, "Summary"), "| Duration | Not resolved yet |"));
    } else {
      CHECK(has(section(md, "Root causes and contributing factors"), "No 5-Whys steps were answered."));
      CHECK(has(section(md, "Supporting links"), "No logs or screenshots are attached"));
      CHECK(has(section(md, "Resolution"), "not resolved yet (status: open)"));
    }
  }
}

TEST_CASE("regenerating keeps the earlier version, and each generation adds a timeline event") {
  DocsFixture f;
  Incident i = f.triage->incidents().create({"disk full", "P3", {}, {}});
  Document v1 = f.triage->documents().generate(i.id, "rca");
  f.triage->documents().save(v1.id, "# my edited v1\n");
  f.triage->incidents().update(i.id, IncidentPatch{.title = std::string("disk full on db01")});
  Document v2 = f.triage->documents().generate(i.id, "rca");
  Document pm = f.triage->documents().generate(i.id, "postmortem");
  auto all = f.triage->documents().list(i.id);
  REQUIRE(all.size() == 3);
  CHECK(all[0].id == v1.id);
  CHECK(all[0].version == 1);
  CHECK(all[0].content_md == "# my edited v1\n");
  CHECK(all[1].id == v2.id);
  CHECK(all[1].version == 2);
  CHECK(has(all[1].content_md, "disk full on db01"));
  CHECK(all[2].version == 1);
  CHECK(all[2].doc_type == "postmortem");
  int generated = 0;
  for (const auto& e : f.triage->incidents().timeline(i.id))
    if (e.event_type == "document_generated") {
      ++generated;
      CHECK(e.details.has_value());
    }
  CHECK(generated == 3);
  CHECK(f.triage->incidents().timeline(i.id).back().summary == "Post-mortem generated (version 1)");
}

TEST_CASE("bad requests are refused with a clear error and change nothing") {
  DocsFixture f;
  Incident i = f.triage->incidents().create({"x", "P4", {}, {}});
  CHECK_THROWS_WITH(f.triage->documents().generate(i.id, "memo"), doctest::Contains("unknown document type"));
  try {
    f.triage->documents().generate("no-such-incident", "rca");
    FAIL("generated for a missing incident");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::NotFound);
  }
  CHECK_THROWS_AS(f.triage->documents().get("no-such-doc"), Error);
  CHECK_THROWS_AS(f.triage->documents().list("no-such-incident"), Error);
  Document d = f.triage->documents().generate(i.id, "rca");
  CHECK_THROWS_WITH(f.triage->documents().save(d.id, std::string("bad \xC3\x28 utf8")), doctest::Contains("not valid UTF-8"));
  CHECK_THROWS_WITH(f.triage->documents().save(d.id, std::string(DocumentService::kMaxDocumentBytes + 1, 'a')),
                    doctest::Contains("too large"));
  CHECK(f.triage->documents().get(d.id).content_md == d.content_md);
  CHECK(f.triage->documents().list(i.id).size() == 1);
}

TEST_CASE("an edit stores the text with a later updated_at, and a 5 MB document is kept whole") {
  DocsFixture f;
  Incident i = f.triage->incidents().create({"big", "P3", {}, {}});
  Document d = f.triage->documents().generate(i.id, "postmortem");
  Document e1 = f.triage->documents().save(d.id, "# one\n");
  Document e2 = f.triage->documents().save(d.id, "# two 日本語\n");
  CHECK(e1.updated_at > d.updated_at);
  CHECK(e2.updated_at > e1.updated_at);
  CHECK(e2.created_at == d.created_at);
  CHECK(f.triage->documents().get(d.id).content_md == "# two 日本語\n");

  std::string big;
  for (int n = 0; big.size() < 5u << 20; ++n)
    big += "- line " + std::to_string(n) + " of the big_document with <tags> & pipes | here\n";
  Document e3 = f.triage->documents().save(d.id, big);
  CHECK(e3.content_md.size() == big.size());
  CHECK(f.triage->documents().get(d.id).content_md == big);
}
