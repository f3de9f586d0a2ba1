#pragma once
// Markdown parsed by md4c into the blocks a page layout needs: headings, paragraphs, list items
// (with their nesting depth and marker), code blocks, tables, rules. Inline styling is kept as
// byte ranges over the plain text so a layout can style it and place link areas.
#include <string>
#include <string_view>
#include <vector>

namespace tftsr::docs {

// The dialect of every rendering: GitHub tables and autolinks, raw HTML off (so `<script>` in a
// title is text, never markup).
unsigned markdown_parser_flags();

enum StyleFlag : unsigned { kBold = 1, kItalic = 2, kCode = 4, kStrike = 8 };

struct StyledRun {
  std::size_t start = 0, end = 0;  // bytes of StyledText::text
  unsigned style = 0;              // StyleFlag bits
  std::string link;                // target URL when the run is a link
};

struct StyledText {
  std::string text;
  std::vector<StyledRun> runs;  // in order, not overlapping; unstyled text has no run
};

enum class CellAlign { Default, Left, Center, Right };

struct TableBlock {
  std::vector<std::vector<StyledText>> rows;
  int header_rows = 0;
  std::vector<CellAlign> align;  // per column
};

struct MarkdownBlock {
  enum class Kind { Heading, Paragraph, ListItem, Code, Table, Rule } kind = Kind::Paragraph;
  int level = 0;        // heading level 1..6; list depth 1.. for list items and paragraphs in lists
  std::string marker;   // "•", "3." ...; empty for a list item's continuation paragraph
  int quote_depth = 0;  // inside how many block quotes
  StyledText text;      // Code: the raw lines
  TableBlock table;
};

std::vector<MarkdownBlock> parse_markdown_blocks(std::string_view markdown);

}  // namespace tftsr::docs
