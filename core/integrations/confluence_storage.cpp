#include "core/integrations/confluence_storage.h"

#include <md4c.h>

#include "core/docs/html_writer.h"
#include "core/docs/markdown_blocks.h"
#include "core/error.h"

namespace tftsr::integrations {

namespace {

struct Writer {
  std::string out;
  bool in_code_block = false;
  std::string code;  // a fenced block's text, written as CDATA at its end

  void text(std::string_view t) { out += xml_escape(t); }
};

std::string attribute_text(const MD_ATTRIBUTE& a) { return a.text ? std::string(a.text, a.size) : std::string(); }

// "]]>" cannot appear inside CDATA: it is split across two sections.
std::string cdata(std::string_view text) {
  std::string out = "<![CDATA[";
  std::size_t at = 0;
  for (std::size_t hit; (hit = text.find("]]>", at)) != std::string_view::npos; at = hit + 3) {
    out.append(text.substr(at, hit - at));
    out += "]]]]><![CDATA[>";
  }
  out.append(text.substr(at));
  return out + "]]>";
}

int enter_block(MD_BLOCKTYPE type, void* detail, void* user) {
  auto& w = *static_cast<Writer*>(user);
  switch (type) {
    case MD_BLOCK_DOC: break;
    case MD_BLOCK_QUOTE: w.out += "<blockquote>"; break;
    case MD_BLOCK_UL: w.out += "<ul>"; break;
    case MD_BLOCK_OL: {
      const auto* d = static_cast<MD_BLOCK_OL_DETAIL*>(detail);
      w.out += d->start > 1 ? "<ol start=\"" + std::to_string(d->start) + "\">" : std::string("<ol>");
      break;
    }
    case MD_BLOCK_LI: w.out += "<li>"; break;
    case MD_BLOCK_HR: w.out += "<hr />"; break;
    case MD_BLOCK_H: w.out += "<h" + std::to_string(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level) + ">"; break;
    case MD_BLOCK_CODE: {
      const auto* d = static_cast<MD_BLOCK_CODE_DETAIL*>(detail);
      w.out += "<ac:structured-macro ac:name=\"code\">";
      const std::string lang = attribute_text(d->lang);
      if (!lang.empty()) w.out += "<ac:parameter ac:name=\"language\">" + xml_escape(lang) + "</ac:parameter>";
      w.in_code_block = true;
      w.code.clear();
      break;
    }
    case MD_BLOCK_HTML: break;  // never reported: raw HTML is off
    case MD_BLOCK_P: w.out += "<p>"; break;
    case MD_BLOCK_TABLE: w.out += "<table><tbody>"; break;
    case MD_BLOCK_THEAD:
    case MD_BLOCK_TBODY: break;
    case MD_BLOCK_TR: w.out += "<tr>"; break;
    case MD_BLOCK_TH: w.out += "<th>"; break;
    case MD_BLOCK_TD: w.out += "<td>"; break;
  }
  return 0;
}

int leave_block(MD_BLOCKTYPE type, void* detail, void* user) {
  auto& w = *static_cast<Writer*>(user);
  switch (type) {
    case MD_BLOCK_DOC: break;
    case MD_BLOCK_QUOTE: w.out += "</blockquote>"; break;
    case MD_BLOCK_UL: w.out += "</ul>"; break;
    case MD_BLOCK_OL: w.out += "</ol>"; break;
    case MD_BLOCK_LI: w.out += "</li>"; break;
    case MD_BLOCK_HR: break;
    case MD_BLOCK_H: w.out += "</h" + std::to_string(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level) + ">"; break;
    case MD_BLOCK_CODE:
      if (!w.code.empty() && w.code.back() == '\n') w.code.pop_back();
      w.out += "<ac:plain-text-body>" + cdata(w.code) + "</ac:plain-text-body></ac:structured-macro>";
      w.in_code_block = false;
      break;
    case MD_BLOCK_HTML: break;
    case MD_BLOCK_P: w.out += "</p>"; break;
    case MD_BLOCK_TABLE: w.out += "</tbody></table>"; break;
    case MD_BLOCK_THEAD:
    case MD_BLOCK_TBODY: break;
    case MD_BLOCK_TR: w.out += "</tr>"; break;
    case MD_BLOCK_TH: w.out += "</th>"; break;
    case MD_BLOCK_TD: w.out += "</td>"; break;
  }
  return 0;
}

int enter_span(MD_SPANTYPE type, void* detail, void* user) {
  auto& w = *static_cast<Writer*>(user);
  switch (type) {
    case MD_SPAN_EM: w.out += "<em>"; break;
    case MD_SPAN_STRONG: w.out += "<strong>"; break;
    case MD_SPAN_CODE: w.out += "<code>"; break;
    case MD_SPAN_DEL: w.out += "<del>"; break;
    case MD_SPAN_U: w.out += "<u>"; break;
    case MD_SPAN_A:
      w.out += "<a href=\"" + xml_escape(attribute_text(static_cast<MD_SPAN_A_DETAIL*>(detail)->href)) + "\">";
      break;
    default: break;  // images keep their alt text only: no image leaves with a page
  }
  return 0;
}

int leave_span(MD_SPANTYPE type, void*, void* user) {
  auto& w = *static_cast<Writer*>(user);
  switch (type) {
    case MD_SPAN_EM: w.out += "</em>"; break;
    case MD_SPAN_STRONG: w.out += "</strong>"; break;
    case MD_SPAN_CODE: w.out += "</code>"; break;
    case MD_SPAN_DEL: w.out += "</del>"; break;
    case MD_SPAN_U: w.out += "</u>"; break;
    case MD_SPAN_A: w.out += "</a>"; break;
    default: break;
  }
  return 0;
}

bool known_entity(std::string_view e) {
  if (e == "&amp;" || e == "&lt;" || e == "&gt;" || e == "&quot;" || e == "&apos;") return true;
  return e.size() > 3 && e[1] == '#';  // numeric: XML knows them
}

int text(MD_TEXTTYPE type, const MD_CHAR* data, MD_SIZE size, void* user) {
  auto& w = *static_cast<Writer*>(user);
  const std::string_view t(data, size);
  if (w.in_code_block) {
    w.code.append(t);
    return 0;
  }
  switch (type) {
    case MD_TEXT_BR: w.out += "<br />"; break;
    case MD_TEXT_SOFTBR: w.out += "\n"; break;
    case MD_TEXT_NULLCHAR: w.out += "\xEF\xBF\xBD"; break;
    case MD_TEXT_ENTITY:
      if (known_entity(t)) w.out.append(t);
      else w.text(t);  // a named HTML entity XML does not know: shown as typed
      break;
    default: w.text(t); break;
  }
  return 0;
}

}  // namespace

std::string xml_escape(std::string_view text) {
  // HTML's escaping, without the control characters XML 1.0 does not allow at all.
  std::string allowed;
  allowed.reserve(text.size());
  for (char c : text)
    if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n' || c == '\r') allowed += c;
  return docs::html_escape(allowed);
}

std::string markdown_to_confluence_storage(std::string_view markdown) {
  Writer w;
  MD_PARSER parser{};
  parser.abi_version = 0;
  parser.flags = docs::markdown_parser_flags();
  parser.enter_block = enter_block;
  parser.leave_block = leave_block;
  parser.enter_span = enter_span;
  parser.leave_span = leave_span;
  parser.text = text;
  if (md_parse(markdown.data(), static_cast<MD_SIZE>(markdown.size()), &parser, &w) != 0)
    throw Error(ErrorKind::InvalidInput, "the document's Markdown could not be converted for Confluence");
  return w.out;
}

}  // namespace tftsr::integrations
