#pragma once
// Markdown as the chat shows a model's reply: parsed once per text by md4c (GitHub dialect) into
// a flat list of blocks, then drawn each frame with ImGui. Headings, paragraphs, bold / italic /
// code spans, bullet and numbered lists, fenced code blocks (monospace, framed), tables (ImGui
// tables), block quotes and rules; links are shown as text in the link colour. Raw HTML is shown
// as the text it is, never interpreted.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

struct ImFont;

namespace tftsr::gui {

enum MarkdownStyle : std::uint8_t {
  kMdPlain = 0,
  kMdBold = 1,
  kMdItalic = 2,
  kMdCode = 4,
  kMdLink = 8,
};

// A run of text with one style; "\n" alone is a hard line break.
struct MarkdownSpan {
  std::string text;
  std::uint8_t style = kMdPlain;
};
using MarkdownInline = std::vector<MarkdownSpan>;

struct MarkdownRow {
  bool header = false;
  std::vector<MarkdownInline> cells;
};

struct MarkdownBlock {
  enum class Kind { Paragraph, Heading, ListItem, Code, Table, Rule };
  Kind kind = Kind::Paragraph;
  int level = 0;        // heading level 1..6; list nesting depth from 1
  int quote_depth = 0;  // inside how many block quotes
  std::string marker;   // a list item's "•" or "3."
  MarkdownInline spans;
  std::string code;      // a code block's text
  std::string language;  // a code block's info string
  std::vector<MarkdownRow> rows;
};

struct MarkdownDocument {
  std::vector<MarkdownBlock> blocks;
};

// Never fails: text md4c cannot read becomes one paragraph of plain text.
MarkdownDocument parse_markdown(std::string_view text);

struct MarkdownFonts {
  ImFont* mono = nullptr;     // code; the current font when null
  ImFont* heading = nullptr;  // level 1 and 2 headings; the current font when null
};

// Draws at the cursor, wrapping at the right edge of the content region.
void draw_markdown(const MarkdownDocument& doc, const MarkdownFonts& fonts);

// Heights of a document's blocks from the frames that drew them (estimated from their text until
// then), kept by the caller from frame to frame. With it, draw_markdown draws only the blocks in
// the window's visible part and steps over the rest in one move: a 5 MB document's thousands of
// blocks cost a frame each time otherwise.
struct MarkdownLayout {
  const void* blocks = nullptr;  // the document the heights belong to
  float width = 0;
  std::vector<float> heights;
};
void draw_markdown(const MarkdownDocument& doc, const MarkdownFonts& fonts, MarkdownLayout& layout);

// The text without markup, for tests and the clipboard of a single block.
std::string markdown_plain_text(const MarkdownDocument& doc);

}  // namespace tftsr::gui
