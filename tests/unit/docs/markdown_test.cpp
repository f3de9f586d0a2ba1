// Escaping user text into Markdown, md4c's HTML of tricky input, and the blocks the PDF lays out.
#include <doctest/doctest.h>

#include "core/docs/html_writer.h"
#include "core/docs/markdown_blocks.h"
#include "core/docs/markdown_escape.h"

using namespace tftsr::docs;

namespace {
bool has(const std::string& text, const std::string& piece) { return text.find(piece) != std::string::npos; }
}  // namespace

TEST_CASE("escaped user text renders back as the same text") {
  const std::string tricky = "db_pool __init__ *x* <b>bold</b> & a|b [link](http://x) `tick` #1 ~~no~~";
  std::string html = markdown_to_html(md_inline(tricky));
  CHECK(html == "<p>db_pool __init__ *x* &lt;b&gt;bold&lt;/b&gt; &amp; a|b [link](http://x) `tick` #1 ~~no~~</p>\n");
  // Line-start syntax of a multi-line text stays text: no list, no heading, no numbered item.
  std::string block = md_block("- not a list\n# not a heading\n2024. a year\n\n   indented\n");
  CHECK(markdown_to_html(block) ==
        "<p>- not a list<br>\n# not a heading<br>\n2024. a year</p>\n<p>indented</p>\n");
  // In a table cell a pipe does not split the cell.
  std::string table = "| A | B |\n|---|---|\n| " + md_inline("x|y") + " | z |\n";
  CHECK(has(markdown_to_html(table), "<td>x|y</td>"));
}

TEST_CASE("Markdown to HTML: identifiers, script in a title, tables, nested lists, CJK") {
  const std::string md =
      "# Incident <script>alert(1)</script> on db_pool_main\n\n"
      "The snake_case_name and max_pool_size stay as typed.\n\n"
      "| Key | Value |\n|---|---:|\n| retry_policy | 3 |\n| 名前 | 東京 |\n\n"
      "- outer one\n  - inner a\n  - inner b\n    1. deep\n- outer two\n\n"
      "Text in 日本語 and 中文 and 한국어.\n";
  std::string html = markdown_to_html(md);
  CAPTURE(html);
  CHECK(has(html, "<h1>Incident &lt;script&gt;alert(1)&lt;/script&gt; on db_pool_main</h1>"));
  CHECK_FALSE(has(html, "<script>"));
  CHECK(has(html, "snake_case_name and max_pool_size"));
  CHECK_FALSE(has(html, "<em>"));
  CHECK(has(html, "<th>Key</th>"));
  CHECK(has(html, "<td align=\"right\">3</td>"));
  CHECK(has(html, "<td>名前</td>"));
  CHECK(has(html, "<li>outer one<ul>\n<li>inner a</li>"));
  CHECK(has(html, "<ol>\n<li>deep</li>\n</ol>"));
  CHECK(has(html, "日本語 and 中文 and 한국어"));

  std::string page = html_page("RCA: <b>&", md, {});
  CHECK(page.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(has(page, "<title>RCA: &lt;b&gt;&amp;</title>"));
  CHECK(has(page, "<meta charset=\"utf-8\">"));
  CHECK(has(page, "<style>"));
  CHECK(has(page, "@media print"));
  CHECK(has(page, "border-collapse"));
  CHECK_FALSE(has(page, "<link"));  // self-contained: nothing fetched
  CHECK_FALSE(has(page, "<script"));
}

TEST_CASE("the blocks for the PDF keep list depth and markers, table headers, styles and links") {
  auto blocks = parse_markdown_blocks(
      "## Title &amp; more\n\n"
      "Some **bold** and [a link](https://example.org/x?a=1&amp;b=2) and `code_span`.\n\n"
      "- one\n  - inner\n- two\n\n3. three\n4. four\n\n"
      "| H1 | H2 |\n|:--|:-:|\n| a | b |\n| c | d |\n\n"
      "```\nline_1\nline_2\n```\n\n---\n");
  REQUIRE(blocks.size() == 10);
  using K = MarkdownBlock::Kind;
  CHECK(blocks[0].kind == K::Heading);
  CHECK(blocks[0].level == 2);
  CHECK(blocks[0].text.text == "Title & more");
  CHECK(blocks[1].kind == K::Paragraph);
  CHECK(blocks[1].text.text == "Some bold and a link and code_span.");
  REQUIRE(blocks[1].text.runs.size() == 3);
  CHECK(blocks[1].text.runs[0].style == kBold);
  CHECK(blocks[1].text.runs[1].link == "https://example.org/x?a=1&b=2");
  CHECK(blocks[1].text.text.substr(blocks[1].text.runs[1].start, blocks[1].text.runs[1].end - blocks[1].text.runs[1].start) ==
        "a link");
  CHECK(blocks[1].text.runs[2].style == kCode);
  CHECK(blocks[2].kind == K::ListItem);
  CHECK(blocks[2].level == 1);
  CHECK(blocks[2].marker == "\u2022");
  CHECK(blocks[3].level == 2);
  CHECK(blocks[3].text.text == "inner");
  CHECK(blocks[4].text.text == "two");
  CHECK(blocks[5].marker == "3.");
  CHECK(blocks[6].marker == "4.");
  CHECK(blocks[7].kind == K::Table);
  CHECK(blocks[7].table.header_rows == 1);
  CHECK(blocks[7].table.rows.size() == 3);
  CHECK(blocks[7].table.align == std::vector<CellAlign>{CellAlign::Left, CellAlign::Center});
  CHECK(blocks[7].table.rows[2][1].text == "d");
  CHECK(blocks[8].kind == K::Code);
  CHECK(blocks[8].text.text == "line_1\nline_2");
  CHECK(blocks[9].kind == K::Rule);
}
