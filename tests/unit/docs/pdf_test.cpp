// The PDF read back with poppler: text, page count, repeated table headers, page numbers, links.
#include <doctest/doctest.h>

#include "core/docs/pdf_writer.h"
#include "tests/unit/docs/docs_fixture.h"

using namespace tftsr;
using namespace tftsr::test;

namespace {
bool has(const std::string& text, const std::string& piece) { return text.find(piece) != std::string::npos; }
int count(const std::string& text, const std::string& piece) {
  int n = 0;
  for (auto at = text.find(piece); at != std::string::npos; at = text.find(piece, at + 1)) ++n;
  return n;
}
}  // namespace

TEST_CASE("a PDF of tricky Markdown reads back with its text: underscores, <, &, CJK, lists, code, links") {
  TempDir dir;
  const std::string md =
      "# Outage of db_pool_main <script> & friends\n\n"
      "Paragraph with snake_case_name, a < b & c > d, and 日本語のテキスト and 中文 and 한국어.\n\n"
      "- outer item\n  - inner_item\n    1. deep numbered\n- second outer\n\n"
      "```\nSELECT * FROM pg_stat_activity WHERE state = 'idle';\n```\n\n"
      "See [the runbook](https://example.org/runbook?a=1&b=2).\n";
  const auto pdf = dir / "t.pdf";
  int pages = docs::write_pdf(pdf, "RCA: title_with_underscores & <b>", md, {});
  CHECK(pages == 1);
  CHECK(pdf_pages(pdf) == 1);
  std::string text = pdf_text(pdf);
  CAPTURE(text);
  CHECK(has(text, "Outage of db_pool_main <script> & friends"));
  CHECK(has(text, "snake_case_name, a < b & c > d"));
  CHECK(has(text, "日本語のテキスト"));
  CHECK(has(text, "中文"));
  CHECK(has(text, "한국어"));
  CHECK(has(text, "inner_item"));
  CHECK(has(text, "1. deep numbered"));
  CHECK(has(text, "pg_stat_activity WHERE state = 'idle';"));
  CHECK(has(text, "RCA: title_with_underscores & <b>"));  // the running title
  CHECK(has(text, "Page 1 of 1"));
  std::string raw = read_file(pdf);
  CHECK(has(raw, "/URI (https://example.org/runbook?a=1&b=2)"));
  auto info = run_process({"pdfinfo", pdf.string()});
  CHECK(has(info.out, "RCA: title_with_underscores & <b>"));
}

TEST_CASE("a long table breaks across pages with its header row repeated, and every page is numbered") {
  TempDir dir;
  std::string md = "# Long table\n\n| Time (UTC) | Event_type | What happened |\n|---|---|---|\n";
  for (int i = 0; i < 260; ++i)
    md += "| 2026-11-30 10:" + std::to_string(10 + i % 50) + ":00 | event_" + std::to_string(i) + " | Row " +
          std::to_string(i) + " of the timeline, with enough words to wrap inside its cell on a narrow column |\n";
  md += "\nAfter the table.\n";
  const auto pdf = dir / "long.pdf";
  int pages = docs::write_pdf(pdf, "Long", md, {});
  CHECK(pages >= 4);
  CHECK(pdf_pages(pdf) == pages);
  std::string text = pdf_text(pdf);
  CAPTURE(text);
  CHECK(count(text, "Event_type") == pages);  // the header on every page the table covers
  for (int p = 1; p <= pages; ++p) CHECK(has(text, "Page " + std::to_string(p) + " of " + std::to_string(pages)));
  CHECK(has(text, "event_0\n"));
  CHECK(has(text, "event_259"));
  CHECK(has(text, "After the table."));
  CHECK(count(text, "\f") == pages);
}

TEST_CASE("a cell taller than a page continues on the next page instead of being cut") {
  TempDir dir;
  std::string cell;
  for (int i = 0; i < 1500; ++i) cell += "word" + std::to_string(i) + " ";
  std::string md = "| Head | Long |\n|---|---|\n| short | " + cell + "|\n";
  const auto pdf = dir / "tall.pdf";
  int pages = docs::write_pdf(pdf, "Tall", md, {});
  CHECK(pages >= 2);
  std::string text = pdf_text(pdf);
  CHECK(has(text, "word0 "));
  CHECK(has(text, "word1499"));
  CHECK(count(text, "Head") == pages);
}

TEST_CASE("PDF writing can be cancelled and then leaves a clear error") {
  TempDir dir;
  Progress p;
  p.cancelled = [] { return true; };
  std::string md;
  for (int i = 0; i < 200; ++i) md += "Paragraph " + std::to_string(i) + "\n\n";
  CHECK_THROWS_AS(docs::write_pdf(dir / "c.pdf", "C", md, {}, p), Error);
}
