#include "app/gui/views/markdown_view.h"

#include <imgui.h>
#include <md4c.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdlib>

namespace tftsr::gui {

namespace {

void append_utf8(std::string& out, unsigned long cp) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// The entities a model writes in practice; any other one is shown as written.
std::string decode_entity(std::string_view e) {
  if (e == "&amp;") return "&";
  if (e == "&lt;") return "<";
  if (e == "&gt;") return ">";
  if (e == "&quot;") return "\"";
  if (e == "&apos;" || e == "&#39;") return "'";
  if (e == "&nbsp;") return " ";
  if (e.size() > 3 && e[1] == '#') {
    const bool hex = e[2] == 'x' || e[2] == 'X';
    const std::string digits(e.substr(hex ? 3 : 2, e.size() - (hex ? 4 : 3)));
    char* end = nullptr;
    const unsigned long cp = std::strtoul(digits.c_str(), &end, hex ? 16 : 10);
    if (end && *end == '\0' && !digits.empty()) {
      std::string out;
      append_utf8(out, cp);
      return out;
    }
  }
  return std::string(e);
}

// Collects md4c's callbacks into blocks.
struct Builder {
  MarkdownDocument doc;
  int bold = 0, italic = 0, code = 0, link = 0;
  int quote = 0;
  struct List {
    bool ordered;
    unsigned next;
  };
  std::vector<List> lists;
  bool in_code_block = false;
  bool in_head = false;
  enum class Target { None, Block, Cell } target = Target::None;
  bool fresh_item = false;  // the last list item has no text yet: its first paragraph joins it

  std::uint8_t style() const {
    return static_cast<std::uint8_t>((bold ? kMdBold : 0) | (italic ? kMdItalic : 0) | (code ? kMdCode : 0) |
                                     (link ? kMdLink : 0));
  }
  MarkdownBlock& open(MarkdownBlock::Kind kind, int level = 0) {
    MarkdownBlock b;
    b.kind = kind;
    b.level = level;
    b.quote_depth = quote;
    doc.blocks.push_back(std::move(b));
    target = Target::Block;
    fresh_item = false;
    return doc.blocks.back();
  }
  MarkdownInline& inline_target() {
    if (target == Target::None) open(MarkdownBlock::Kind::Paragraph, static_cast<int>(lists.size()));
    if (target == Target::Cell) return doc.blocks.back().rows.back().cells.back();
    return doc.blocks.back().spans;
  }
  void add(std::string_view text, std::uint8_t s) {
    MarkdownInline& spans = inline_target();
    if (!spans.empty() && spans.back().style == s && spans.back().text != "\n" && text != "\n")
      spans.back().text.append(text);
    else
      spans.push_back({std::string(text), s});
  }

  int enter_block(MD_BLOCKTYPE type, void* detail) {
    switch (type) {
      case MD_BLOCK_QUOTE: ++quote; break;
      case MD_BLOCK_UL: lists.push_back({false, 0}); break;
      case MD_BLOCK_OL: lists.push_back({true, static_cast<MD_BLOCK_OL_DETAIL*>(detail)->start}); break;
      case MD_BLOCK_LI: {
        const auto* li = static_cast<MD_BLOCK_LI_DETAIL*>(detail);
        MarkdownBlock& b = open(MarkdownBlock::Kind::ListItem, static_cast<int>(std::max<std::size_t>(lists.size(), 1)));
        if (li->is_task)
          b.marker = (li->task_mark == ' ') ? "[ ]" : "[x]";
        else if (!lists.empty() && lists.back().ordered)
          b.marker = std::to_string(lists.back().next++) + ".";
        else
          b.marker = "•";
        fresh_item = true;
        break;
      }
      case MD_BLOCK_P:
        if (fresh_item && !doc.blocks.empty() && doc.blocks.back().spans.empty()) {
          target = Target::Block;  // the item's first paragraph is the item's own text
          fresh_item = false;
        } else {
          open(MarkdownBlock::Kind::Paragraph, static_cast<int>(lists.size()));
        }
        break;
      case MD_BLOCK_H: open(MarkdownBlock::Kind::Heading, static_cast<int>(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level)); break;
      case MD_BLOCK_CODE: {
        MarkdownBlock& b = open(MarkdownBlock::Kind::Code, static_cast<int>(lists.size()));
        const auto* c = static_cast<MD_BLOCK_CODE_DETAIL*>(detail);
        if (c->info.text) b.language.assign(c->info.text, c->info.size);
        if (auto space = b.language.find(' '); space != std::string::npos) b.language.resize(space);
        in_code_block = true;
        break;
      }
      case MD_BLOCK_HTML: open(MarkdownBlock::Kind::Paragraph, static_cast<int>(lists.size())); break;
      case MD_BLOCK_HR: open(MarkdownBlock::Kind::Rule); target = Target::None; break;
      case MD_BLOCK_TABLE: open(MarkdownBlock::Kind::Table); target = Target::None; break;
      case MD_BLOCK_THEAD: in_head = true; break;
      case MD_BLOCK_TBODY: in_head = false; break;
      case MD_BLOCK_TR: doc.blocks.back().rows.push_back({in_head, {}}); break;
      case MD_BLOCK_TH:
      case MD_BLOCK_TD:
        doc.blocks.back().rows.back().cells.emplace_back();
        target = Target::Cell;
        break;
      default: break;
    }
    return 0;
  }

  int leave_block(MD_BLOCKTYPE type) {
    switch (type) {
      case MD_BLOCK_QUOTE: --quote; break;
      case MD_BLOCK_UL:
      case MD_BLOCK_OL:
        if (!lists.empty()) lists.pop_back();
        break;
      case MD_BLOCK_LI: fresh_item = false; target = Target::None; break;
      case MD_BLOCK_CODE: {
        in_code_block = false;
        std::string& c = doc.blocks.back().code;
        while (!c.empty() && c.back() == '\n') c.pop_back();
        target = Target::None;
        break;
      }
      case MD_BLOCK_P:
      case MD_BLOCK_H:
      case MD_BLOCK_HTML:
      case MD_BLOCK_TH:
      case MD_BLOCK_TD: target = Target::None; break;
      default: break;
    }
    return 0;
  }

  int span(MD_SPANTYPE type, int delta) {
    switch (type) {
      case MD_SPAN_EM: italic += delta; break;
      case MD_SPAN_STRONG: bold += delta; break;
      case MD_SPAN_CODE: code += delta; break;
      case MD_SPAN_A:
      case MD_SPAN_WIKILINK: link += delta; break;
      default: break;  // images show their alt text, strike-through and underline their text
    }
    return 0;
  }

  int text(MD_TEXTTYPE type, std::string_view t) {
    if (in_code_block) {
      if (!doc.blocks.empty()) doc.blocks.back().code.append(t);
      return 0;
    }
    switch (type) {
      case MD_TEXT_NULLCHAR: add("\xEF\xBF\xBD", style()); break;
      case MD_TEXT_BR: add("\n", kMdPlain); break;
      case MD_TEXT_SOFTBR: add(" ", style()); break;
      case MD_TEXT_ENTITY: add(decode_entity(t), style()); break;
      default: add(t, style()); break;
    }
    return 0;
  }
};

Builder& of(void* user) { return *static_cast<Builder*>(user); }

// --- Drawing

struct InlineLook {
  ImFont* font;
  ImFont* mono;
  ImU32 colour;
  bool bold = false;
};

ImU32 blend(ImU32 a, ImVec4 b, float t) {
  ImVec4 c = ImGui::ColorConvertU32ToFloat4(a);
  return ImGui::GetColorU32(ImVec4(c.x + (b.x - c.x) * t, c.y + (b.y - c.y) * t, c.z + (b.z - c.z) * t, c.w));
}

// Lays out and draws the spans word by word at the cursor, wrapping at the content region's right
// edge; words longer than a line are broken between characters. Leaves the cursor below.
void draw_inline(const MarkdownInline& spans, const InlineLook& look) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float width = std::max(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 4.0f);
  const float right = origin.x + width;
  const float line_h = look.font->FontSize + ImGui::GetStyle().ItemSpacing.y * 0.5f;
  const ImVec4 link_colour(0.40f, 0.65f, 0.98f, 1.0f);
  const ImU32 code_bg = ImGui::GetColorU32(ImGuiCol_FrameBg);
  float x = origin.x, y = origin.y;
  for (const MarkdownSpan& span : spans) {
    if (span.text == "\n") {
      x = origin.x;
      y += line_h;
      continue;
    }
    const bool is_code = span.style & kMdCode;
    ImFont* font = is_code && look.mono ? look.mono : look.font;
    const float size = look.font->FontSize;
    ImU32 colour = look.colour;
    if (span.style & kMdLink) colour = ImGui::GetColorU32(link_colour);
    else if (is_code) colour = blend(look.colour, ImVec4(0.95f, 0.75f, 0.45f, 1.0f), 0.45f);
    else if (span.style & kMdItalic) colour = blend(look.colour, ImVec4(0.6f, 0.8f, 1.0f, 1.0f), 0.35f);
    const bool bold = look.bold || (span.style & kMdBold);
    const char* s = span.text.data();
    const char* end = s + span.text.size();
    while (s < end) {
      // A token: a word and the spaces after it.
      const char* word_end = s;
      while (word_end < end && *word_end != ' ') ++word_end;
      const char* token_end = word_end;
      while (token_end < end && *token_end == ' ') ++token_end;
      float word_w = font->CalcTextSizeA(size, FLT_MAX, 0.0f, s, word_end).x;
      if (x + word_w > right && x > origin.x) {
        x = origin.x;
        y += line_h;
        if (s == word_end) {  // spaces at the start of a wrapped line are dropped
          s = token_end;
          continue;
        }
      }
      // A word wider than the whole line: as many characters as fit, the rest on the next line.
      if (x + word_w > right) {
        const char* cut = s;
        while (cut < word_end) {
          const char* next = cut + 1;
          while (next < word_end && (static_cast<unsigned char>(*next) & 0xC0) == 0x80) ++next;
          if (x + font->CalcTextSizeA(size, FLT_MAX, 0.0f, s, next).x > right && cut > s) break;
          cut = next;
        }
        word_end = token_end = cut;
        word_w = font->CalcTextSizeA(size, FLT_MAX, 0.0f, s, cut).x;
      }
      const float token_w = font->CalcTextSizeA(size, FLT_MAX, 0.0f, s, token_end).x;
      if (is_code) dl->AddRectFilled(ImVec2(x - 1, y), ImVec2(x + word_w + 1, y + size), code_bg, 2.0f);
      dl->AddText(font, size, ImVec2(x, y), colour, s, word_end);
      if (bold) dl->AddText(font, size, ImVec2(x + 1.0f, y), colour, s, word_end);
      if (span.style & kMdLink) dl->AddLine(ImVec2(x, y + size), ImVec2(x + word_w, y + size), colour);
      x += token_w;
      s = token_end;
      if (x >= right) {
        x = origin.x;
        y += line_h;
      }
    }
  }
  const float height = (x > origin.x || spans.empty() ? y + line_h : y) - origin.y;
  ImGui::Dummy(ImVec2(width, std::max(height, line_h)));
}

void draw_code(const MarkdownBlock& b, const MarkdownFonts& fonts) {
  ImFont* mono = fonts.mono ? fonts.mono : ImGui::GetFont();
  const float size = ImGui::GetFontSize();
  const float pad = ImGui::GetStyle().FramePadding.x;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float width = std::max(ImGui::GetContentRegionAvail().x, size * 4.0f);
  const float wrap = width - 2 * pad;
  const char* begin = b.code.data();
  const char* end = begin + b.code.size();
  const ImVec2 text_size = mono->CalcTextSizeA(size, FLT_MAX, wrap, begin, end);
  const float label_h = b.language.empty() ? 0.0f : size;
  const ImVec2 max(origin.x + width, origin.y + text_size.y + label_h + 2 * pad);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(origin, max, ImGui::GetColorU32(ImGuiCol_FrameBg), 4.0f);
  dl->AddRect(origin, max, ImGui::GetColorU32(ImGuiCol_Border), 4.0f);
  if (!b.language.empty())
    dl->AddText(ImVec2(origin.x + pad, origin.y + pad * 0.5f), ImGui::GetColorU32(ImGuiCol_TextDisabled), b.language.c_str());
  dl->AddText(mono, size, ImVec2(origin.x + pad, origin.y + pad + label_h), ImGui::GetColorU32(ImGuiCol_Text), begin, end,
              wrap);
  ImGui::Dummy(ImVec2(width, max.y - origin.y));
}

void draw_table(const MarkdownBlock& b, const InlineLook& look) {
  std::size_t columns = 0;
  for (const MarkdownRow& r : b.rows) columns = std::max(columns, r.cells.size());
  if (columns == 0 || columns > 64) return;
  if (!ImGui::BeginTable("##md_table", static_cast<int>(columns),
                         ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp))
    return;
  for (const MarkdownRow& r : b.rows) {
    ImGui::TableNextRow(r.header ? ImGuiTableRowFlags_Headers : 0);
    for (std::size_t c = 0; c < columns; ++c) {
      ImGui::TableSetColumnIndex(static_cast<int>(c));
      InlineLook cell = look;
      cell.bold = r.header;
      if (c < r.cells.size()) draw_inline(r.cells[c], cell);
    }
  }
  ImGui::EndTable();
}

}  // namespace

MarkdownDocument parse_markdown(std::string_view text) {
  Builder builder;
  MD_PARSER parser{};
  parser.abi_version = 0;
  parser.flags = MD_DIALECT_GITHUB | MD_FLAG_NOHTML;
  parser.enter_block = [](MD_BLOCKTYPE t, void* d, void* u) { return of(u).enter_block(t, d); };
  parser.leave_block = [](MD_BLOCKTYPE t, void*, void* u) { return of(u).leave_block(t); };
  parser.enter_span = [](MD_SPANTYPE t, void*, void* u) { return of(u).span(t, 1); };
  parser.leave_span = [](MD_SPANTYPE t, void*, void* u) { return of(u).span(t, -1); };
  parser.text = [](MD_TEXTTYPE t, const MD_CHAR* s, MD_SIZE n, void* u) { return of(u).text(t, std::string_view(s, n)); };
  if (md_parse(text.data(), static_cast<MD_SIZE>(text.size()), &parser, &builder) != 0) {
    MarkdownDocument plain;
    MarkdownBlock b;
    b.spans.push_back({std::string(text), kMdPlain});
    plain.blocks.push_back(std::move(b));
    return plain;
  }
  return std::move(builder.doc);
}

namespace {

void draw_block(const MarkdownBlock& b, int index, const InlineLook& body, const MarkdownFonts& fonts, float em) {
  ImGui::PushID(index);
  const float indent = em * 1.2f * static_cast<float>(b.kind == MarkdownBlock::Kind::Heading ? 0 : std::max(b.level, 0)) +
                       em * static_cast<float>(b.quote_depth);
  if (b.quote_depth > 0) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x + em * 0.2f, p.y), ImVec2(p.x + em * 0.35f, p.y + em * 1.2f),
                                              ImGui::GetColorU32(ImGuiCol_TextDisabled));
  }
  if (indent > 0) ImGui::Indent(indent);
  switch (b.kind) {
    case MarkdownBlock::Kind::Heading: {
      InlineLook h = body;
      if (b.level <= 2 && fonts.heading) h.font = fonts.heading;
      h.bold = b.level > 2 || !fonts.heading;
      if (b.level <= 2 && fonts.heading) ImGui::PushFont(fonts.heading);
      draw_inline(b.spans, h);
      if (b.level <= 2 && fonts.heading) ImGui::PopFont();
      break;
    }
    case MarkdownBlock::Kind::ListItem: {
      ImGui::TextDisabled("%s", b.marker.c_str());
      ImGui::SameLine(0.0f, 0.0f);
      ImGui::SetCursorPosX(ImGui::GetCursorPosX() + em * 0.5f);
      ImGui::BeginGroup();
      draw_inline(b.spans, body);
      ImGui::EndGroup();
      break;
    }
    case MarkdownBlock::Kind::Code: draw_code(b, fonts); break;
    case MarkdownBlock::Kind::Table: draw_table(b, body); break;
    case MarkdownBlock::Kind::Rule: ImGui::Separator(); break;
    case MarkdownBlock::Kind::Paragraph: draw_inline(b.spans, body); break;
  }
  if (indent > 0) ImGui::Unindent(indent);
  ImGui::PopID();
  ImGui::Dummy(ImVec2(0, em * 0.15f));
}

std::size_t inline_bytes(const MarkdownInline& spans) {
  std::size_t n = 0;
  for (const auto& s : spans) n += s.text.size();
  return n;
}

// A guess until the block is drawn once: lines of text at an average glyph width.
float estimated_height(const MarkdownBlock& b, float em, float width) {
  const float line = ImGui::GetTextLineHeightWithSpacing();
  const float per_line = std::max(8.0f, width / (em * 0.5f));
  const auto lines = [&](std::size_t bytes) { return 1.0f + std::floor(static_cast<float>(bytes) / per_line); };
  float h = line;
  switch (b.kind) {
    case MarkdownBlock::Kind::Code:
      h = line * static_cast<float>(1 + std::count(b.code.begin(), b.code.end(), '\n')) + em;
      break;
    case MarkdownBlock::Kind::Table: h = (line + 2.0f) * static_cast<float>(std::max<std::size_t>(1, b.rows.size())); break;
    case MarkdownBlock::Kind::Rule: h = em * 0.5f; break;
    default: h = line * lines(inline_bytes(b.spans)); break;
  }
  return h + em * 0.15f + ImGui::GetStyle().ItemSpacing.y;
}

}  // namespace

void draw_markdown(const MarkdownDocument& doc, const MarkdownFonts& fonts) {
  const float em = ImGui::GetFontSize();
  InlineLook body{ImGui::GetFont(), fonts.mono, ImGui::GetColorU32(ImGuiCol_Text)};
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) draw_block(doc.blocks[i], static_cast<int>(i), body, fonts, em);
}

void draw_markdown(const MarkdownDocument& doc, const MarkdownFonts& fonts, MarkdownLayout& layout) {
  const float em = ImGui::GetFontSize();
  const float width = ImGui::GetContentRegionAvail().x;
  const std::size_t n = doc.blocks.size();
  auto& heights = layout.heights;
  if (layout.blocks != static_cast<const void*>(doc.blocks.data()) || heights.size() != n || layout.width != width) {
    // A new parse after a keystroke mostly has the same blocks at the same places: their measured
    // heights stay (the ones in view are measured again this frame), so the view does not jump.
    const std::size_t kept = layout.width == width ? std::min(heights.size(), n) : 0;
    heights.resize(n);
    for (std::size_t i = kept; i < n; ++i) heights[i] = estimated_height(doc.blocks[i], em, width);
    layout.blocks = doc.blocks.data();
    layout.width = width;
  }
  InlineLook body{ImGui::GetFont(), fonts.mono, ImGui::GetColorU32(ImGuiCol_Text)};
  const float view_top = ImGui::GetScrollY();
  const float view_bottom = view_top + ImGui::GetWindowHeight();
  float y = ImGui::GetCursorPosY();
  std::size_t i = 0;
  while (i < n && y + heights[i] < view_top) y += heights[i++];
  ImGui::SetCursorPosY(y);
  for (; i < n && y <= view_bottom; ++i) {
    draw_block(doc.blocks[i], static_cast<int>(i), body, fonts, em);
    const float after = ImGui::GetCursorPosY();
    heights[i] = after - y;
    y = after;
  }
  for (; i < n; ++i) y += heights[i];
  ImGui::SetCursorPosY(y);  // the rest's height, so the scroll bar covers the whole document
  ImGui::Dummy(ImVec2(0, 0));
}

std::string markdown_plain_text(const MarkdownDocument& doc) {
  std::string out;
  auto inline_text = [&](const MarkdownInline& spans) {
    for (const MarkdownSpan& s : spans) out += s.text;
  };
  for (const MarkdownBlock& b : doc.blocks) {
    if (!out.empty()) out += '\n';
    if (!b.marker.empty()) out += b.marker + " ";
    inline_text(b.spans);
    out += b.code;
    for (const MarkdownRow& r : b.rows) {
      for (std::size_t i = 0; i < r.cells.size(); ++i) {
        if (i) out += " | ";
        inline_text(r.cells[i]);
      }
      out += '\n';
    }
  }
  return out;
}

}  // namespace tftsr::gui
