#include "core/docs/markdown_blocks.h"

#include <md4c.h>

#include <cstdlib>

#include "core/error.h"

namespace tftsr::docs {

unsigned markdown_parser_flags() { return MD_DIALECT_GITHUB | MD_FLAG_NOHTML; }

namespace {

void append_utf8(std::string& out, unsigned long cp) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// md4c hands entities over as written; the common named ones and every numeric one are decoded,
// anything else stays as typed.
std::string decode_entity(std::string_view e) {
  if (e.size() > 3 && e[1] == '#') {
    bool hex = e[2] == 'x' || e[2] == 'X';
    std::string digits(e.substr(hex ? 3 : 2, e.size() - (hex ? 4 : 3)));
    std::string out;
    append_utf8(out, std::strtoul(digits.c_str(), nullptr, hex ? 16 : 10));
    return out;
  }
  static const std::pair<std::string_view, std::string_view> named[] = {
      {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&nbsp;", "\u00A0"},
      {"&copy;", "\u00A9"}, {"&reg;", "\u00AE"}, {"&ndash;", "\u2013"}, {"&mdash;", "\u2014"}, {"&hellip;", "\u2026"},
      {"&rarr;", "\u2192"}, {"&larr;", "\u2190"}, {"&times;", "\u00D7"}, {"&euro;", "\u20AC"}};
  for (const auto& [k, v] : named)
    if (e == k) return std::string(v);
  return std::string(e);
}

std::string attribute_text(const MD_ATTRIBUTE& a) {
  std::string out;
  if (!a.text) return out;
  for (unsigned i = 0; a.substr_offsets[i] < a.size; ++i) {
    std::string_view piece(a.text + a.substr_offsets[i], a.substr_offsets[i + 1] - a.substr_offsets[i]);
    if (a.substr_types[i] == MD_TEXT_ENTITY) out += decode_entity(piece);
    else if (a.substr_types[i] == MD_TEXT_NULLCHAR) out += "\uFFFD";
    else out += piece;
  }
  return out;
}

struct ListState {
  bool ordered = false;
  unsigned next = 1;
  char bullet = '-';
};

struct Collector {
  std::vector<MarkdownBlock> blocks;
  std::vector<ListState> lists;
  int quote_depth = 0;
  bool collecting = false;
  MarkdownBlock current;
  bool marker_pending = false;  // a list item began; its marker goes on its first text
  std::string pending_marker;
  // Inline state.
  unsigned style = 0;
  std::vector<std::string> links;
  // Tables.
  bool in_table = false, in_head = false;
  TableBlock table;
  std::vector<StyledText> row;
  StyledText cell;
  bool in_cell = false;

  StyledText& target() { return in_cell ? cell : current.text; }

  void start(MarkdownBlock::Kind kind, int level) {
    current = MarkdownBlock{};
    current.kind = kind;
    current.level = level;
    current.quote_depth = quote_depth;
    collecting = true;
  }

  void flush() {
    if (!collecting) return;
    collecting = false;
    if (current.kind == MarkdownBlock::Kind::Paragraph && current.text.text.empty()) return;
    blocks.push_back(std::move(current));
    current = MarkdownBlock{};
  }

  // Text outside a paragraph inside a list item (tight lists) starts the item's block.
  void start_list_text() {
    start(MarkdownBlock::Kind::ListItem, static_cast<int>(lists.size()));
    if (marker_pending) current.marker = pending_marker;
    marker_pending = false;
  }

  void text(std::string_view s) {
    if (!collecting && !in_cell) {
      if (lists.empty()) start(MarkdownBlock::Kind::Paragraph, 0);
      else start_list_text();
    }
    StyledText& t = target();
    std::size_t begin = t.text.size();
    t.text += s;
    if (style == 0 && links.empty()) return;
    std::string link = links.empty() ? std::string() : links.back();
    if (!t.runs.empty() && t.runs.back().end == begin && t.runs.back().style == style && t.runs.back().link == link)
      t.runs.back().end = t.text.size();
    else
      t.runs.push_back({begin, t.text.size(), style, link});
  }
};

int enter_block(MD_BLOCKTYPE type, void* detail, void* user) {
  auto& c = *static_cast<Collector*>(user);
  switch (type) {
    case MD_BLOCK_DOC: break;
    case MD_BLOCK_QUOTE: c.flush(); ++c.quote_depth; break;
    case MD_BLOCK_UL: {
      c.flush();
      auto* d = static_cast<MD_BLOCK_UL_DETAIL*>(detail);
      c.lists.push_back({false, 1, d->mark});
      break;
    }
    case MD_BLOCK_OL: {
      c.flush();
      auto* d = static_cast<MD_BLOCK_OL_DETAIL*>(detail);
      c.lists.push_back({true, d->start, d->mark_delimiter});
      break;
    }
    case MD_BLOCK_LI: {
      c.flush();
      auto* d = static_cast<MD_BLOCK_LI_DETAIL*>(detail);
      ListState& l = c.lists.back();
      if (d->is_task) c.pending_marker = (d->task_mark == ' ') ? "\u2610" : "\u2611";
      else if (l.ordered) c.pending_marker = std::to_string(l.next++) + (l.bullet == ')' ? ")" : ".");
      else c.pending_marker = (c.lists.size() % 2 == 1) ? "\u2022" : "\u25E6";
      c.marker_pending = true;
      break;
    }
    case MD_BLOCK_HR: {
      c.flush();
      MarkdownBlock rule;
      rule.kind = MarkdownBlock::Kind::Rule;
      c.blocks.push_back(std::move(rule));
      break;
    }
    case MD_BLOCK_H:
      c.flush();
      c.start(MarkdownBlock::Kind::Heading, static_cast<int>(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level));
      break;
    case MD_BLOCK_CODE: c.flush(); c.start(MarkdownBlock::Kind::Code, static_cast<int>(c.lists.size())); break;
    case MD_BLOCK_HTML: c.flush(); c.start(MarkdownBlock::Kind::Code, 0); break;
    case MD_BLOCK_P:
      c.flush();
      if (!c.lists.empty()) {
        c.start_list_text();
      } else {
        c.start(MarkdownBlock::Kind::Paragraph, 0);
      }
      break;
    case MD_BLOCK_TABLE: c.flush(); c.in_table = true; c.table = TableBlock{}; break;
    case MD_BLOCK_THEAD: c.in_head = true; break;
    case MD_BLOCK_TBODY: c.in_head = false; break;
    case MD_BLOCK_TR: c.row.clear(); break;
    case MD_BLOCK_TH:
    case MD_BLOCK_TD: {
      auto* d = static_cast<MD_BLOCK_TD_DETAIL*>(detail);
      if (c.table.rows.empty()) {
        CellAlign a = d->align == MD_ALIGN_LEFT ? CellAlign::Left
                      : d->align == MD_ALIGN_CENTER ? CellAlign::Center
                      : d->align == MD_ALIGN_RIGHT ? CellAlign::Right
                                                    : CellAlign::Default;
        c.table.align.push_back(a);
      }
      c.cell = StyledText{};
      c.in_cell = true;
      break;
    }
  }
  return 0;
}

int leave_block(MD_BLOCKTYPE type, void*, void* user) {
  auto& c = *static_cast<Collector*>(user);
  switch (type) {
    case MD_BLOCK_QUOTE: c.flush(); --c.quote_depth; break;
    case MD_BLOCK_UL:
    case MD_BLOCK_OL: c.flush(); c.lists.pop_back(); break;
    case MD_BLOCK_LI:
      if (c.marker_pending) {  // an empty item still shows its marker
        c.start_list_text();
      }
      c.flush();
      break;
    case MD_BLOCK_H:
    case MD_BLOCK_P:
    case MD_BLOCK_HTML: c.flush(); break;
    case MD_BLOCK_CODE:
      if (!c.current.text.text.empty() && c.current.text.text.back() == '\n') c.current.text.text.pop_back();
      c.blocks.push_back(std::move(c.current));
      c.collecting = false;
      break;
    case MD_BLOCK_TH:
    case MD_BLOCK_TD: c.row.push_back(std::move(c.cell)); c.in_cell = false; break;
    case MD_BLOCK_TR:
      c.table.rows.push_back(std::move(c.row));
      if (c.in_head) ++c.table.header_rows;
      c.row.clear();
      break;
    case MD_BLOCK_TABLE: {
      MarkdownBlock b;
      b.kind = MarkdownBlock::Kind::Table;
      b.quote_depth = c.quote_depth;
      b.level = static_cast<int>(c.lists.size());
      b.table = std::move(c.table);
      c.blocks.push_back(std::move(b));
      c.in_table = false;
      break;
    }
    default: break;
  }
  return 0;
}

int enter_span(MD_SPANTYPE type, void* detail, void* user) {
  auto& c = *static_cast<Collector*>(user);
  switch (type) {
    case MD_SPAN_EM: c.style |= kItalic; break;
    case MD_SPAN_STRONG: c.style |= kBold; break;
    case MD_SPAN_CODE: c.style |= kCode; break;
    case MD_SPAN_DEL: c.style |= kStrike; break;
    case MD_SPAN_A: c.links.push_back(attribute_text(static_cast<MD_SPAN_A_DETAIL*>(detail)->href)); break;
    default: break;  // images show their alt text
  }
  return 0;
}

int leave_span(MD_SPANTYPE type, void*, void* user) {
  auto& c = *static_cast<Collector*>(user);
  switch (type) {
    case MD_SPAN_EM: c.style &= ~kItalic; break;
    case MD_SPAN_STRONG: c.style &= ~kBold; break;
    case MD_SPAN_CODE: c.style &= ~kCode; break;
    case MD_SPAN_DEL: c.style &= ~kStrike; break;
    case MD_SPAN_A: if (!c.links.empty()) c.links.pop_back(); break;
    default: break;
  }
  return 0;
}

int on_text(MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size, void* user) {
  auto& c = *static_cast<Collector*>(user);
  std::string_view s(text, size);
  switch (type) {
    case MD_TEXT_NULLCHAR: c.text("\uFFFD"); break;
    case MD_TEXT_BR: c.text(c.current.kind == MarkdownBlock::Kind::Code ? "\n" : "\u2028"); break;
    case MD_TEXT_SOFTBR: c.text(" "); break;
    case MD_TEXT_ENTITY: c.text(decode_entity(s)); break;
    default: c.text(s); break;
  }
  return 0;
}

}  // namespace

std::vector<MarkdownBlock> parse_markdown_blocks(std::string_view markdown) {
  Collector c;
  MD_PARSER parser{};
  parser.abi_version = 0;
  parser.flags = markdown_parser_flags();
  parser.enter_block = enter_block;
  parser.leave_block = leave_block;
  parser.enter_span = enter_span;
  parser.leave_span = leave_span;
  parser.text = on_text;
  if (md_parse(markdown.data(), static_cast<MD_SIZE>(markdown.size()), &parser, &c) != 0)
    throw Error(ErrorKind::Internal, "the Markdown parser stopped on this document");
  c.flush();
  return std::move(c.blocks);
}

}  // namespace tftsr::docs
