// Markdown of a model's reply, as the chat parses and draws it.
#include <doctest/doctest.h>

#include "app/gui/headless_context.h"
#include "app/gui/views/markdown_view.h"

using namespace tftsr::gui;
using Kind = MarkdownBlock::Kind;

TEST_CASE("headings, paragraphs and inline styles become blocks of styled spans") {
  auto doc = parse_markdown("# Title\n\nSome **bold**, *italic* and `code` with a [link](https://x.example).\n");
  REQUIRE(doc.blocks.size() == 2);
  CHECK(doc.blocks[0].kind == Kind::Heading);
  CHECK(doc.blocks[0].level == 1);
  CHECK(doc.blocks[0].spans.at(0).text == "Title");
  const auto& spans = doc.blocks[1].spans;
  auto styled = [&](const std::string& text) {
    for (const auto& s : spans)
      if (s.text == text) return static_cast<int>(s.style);
    return -1;
  };
  CHECK(styled("bold") == kMdBold);
  CHECK(styled("italic") == kMdItalic);
  CHECK(styled("code") == kMdCode);
  CHECK(styled("link") == kMdLink);
  CHECK(markdown_plain_text(doc).find("https://x.example") == std::string::npos);  // links show their text
}

TEST_CASE("lists keep their markers and nesting — loose items are one block each") {
  auto doc = parse_markdown("1. first\n2. second\n   - inner\n\n- a\n\n- b\n");
  std::vector<std::string> markers;
  std::vector<int> levels;
  for (const auto& b : doc.blocks)
    if (b.kind == Kind::ListItem) markers.push_back(b.marker), levels.push_back(b.level);
  CHECK(markers == std::vector<std::string>{"1.", "2.", "•", "•", "•"});
  CHECK(levels == std::vector<int>{1, 1, 2, 1, 1});
  CHECK(doc.blocks.size() == 5);  // the loose items' paragraphs joined their items
}

TEST_CASE("fenced code keeps its text and language — tables keep rows and cells") {
  auto doc = parse_markdown("```bash\nulimit -n\necho **not bold**\n```\n\n| Host | State |\n|---|---|\n| db1 | **down** |\n");
  REQUIRE(doc.blocks.size() == 2);
  CHECK(doc.blocks[0].kind == Kind::Code);
  CHECK(doc.blocks[0].language == "bash");
  CHECK(doc.blocks[0].code == "ulimit -n\necho **not bold**");
  const auto& table = doc.blocks[1];
  CHECK(table.kind == Kind::Table);
  REQUIRE(table.rows.size() == 2);
  CHECK(table.rows[0].header);
  CHECK(table.rows[0].cells.at(1).at(0).text == "State");
  CHECK(table.rows[1].cells.at(1).at(0).style == kMdBold);
}

TEST_CASE("raw HTML is text, entities are decoded, a half-written reply parses") {
  auto doc = parse_markdown("a &lt;b&gt; &amp; &#x41; <script>x</script>");
  CHECK(markdown_plain_text(doc) == "a <b> & A <script>x</script>");
  doc = parse_markdown("```py\nprint(1");  // still streaming: an open fence
  REQUIRE(doc.blocks.size() == 1);
  CHECK(doc.blocks[0].code == "print(1");
  doc = parse_markdown("| a | b |\n|---|");
  CHECK_FALSE(doc.blocks.empty());
}

TEST_CASE("drawing every kind of block in a narrow window works frame after frame") {
  HeadlessContext context(ImVec2(200, 400));
  auto doc = parse_markdown("## Head\n\nA verylongwordthatdoesnotfitanywhereatallinthisnarrowwindow and text.\n\n"
                            "> quoted\n\n- item\n\n---\n\n```\ncode line that is long enough to wrap around\n```\n\n"
                            "| a | b |\n|---|---|\n| 1 | 2 |\n");
  for (int i = 0; i < 3; ++i)
    context.frame([&] {
      ImGui::Begin("md");
      draw_markdown(doc, MarkdownFonts{context.mono_font(), context.heading_font()});
      ImGui::End();
    });
  CHECK(doc.blocks.size() == 7);
}

TEST_CASE("a long document draws only the blocks in view, and scrolling reaches its end") {
  HeadlessContext context(ImVec2(600, 400));
  std::string md;
  for (int i = 0; i < 3000; ++i) md += "Paragraph " + std::to_string(i) + " with a few words to wrap.\n\n";
  const auto doc = parse_markdown(md);
  REQUIRE(doc.blocks.size() == 3000);
  MarkdownLayout layout;
  int vertices = 0;
  float content_height = 0, scroll_max = 0;
  auto draw = [&](float scroll) {
    context.frame([&] {
      ImGui::SetNextWindowPos(ImVec2(0, 0));
      ImGui::SetNextWindowSize(ImVec2(600, 400));
      ImGui::Begin("md");
      if (scroll >= 0) ImGui::SetScrollY(scroll);
      draw_markdown(doc, MarkdownFonts{context.mono_font(), context.heading_font()}, layout);
      vertices = ImGui::GetWindowDrawList()->VtxBuffer.Size;
      content_height = ImGui::GetCursorPosY();
      scroll_max = ImGui::GetScrollMaxY();
      ImGui::End();
    });
  };
  draw(-1);
  draw(-1);
  // One paragraph is a few hundred vertices; a window of 400 pixels shows some twenty.
  CHECK(vertices < 40 * 400);
  CHECK(content_height > 3000 * ImGui::GetTextLineHeight());
  draw(content_height);  // to the end: the last paragraph is drawn and measured
  draw(-1);
  CHECK(vertices < 40 * 400);
  CHECK(scroll_max > content_height - 400 - 100);
  CHECK(layout.heights.size() == 3000);
  CHECK(layout.heights.back() > 0);
}
