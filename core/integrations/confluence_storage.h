#pragma once
// Markdown (as the documents are written) to Confluence's storage format: XHTML with headings,
// paragraphs, lists, tables, links, inline code, and fenced code as the "code" macro. Parsed by
// md4c with raw HTML off, so markup in the text always arrives as text.
#include <string>
#include <string_view>

namespace tftsr::integrations {

std::string markdown_to_confluence_storage(std::string_view markdown);

// &, <, >, " and ' as XML entities; bytes below 0x20 other than tab and line breaks dropped
// (XML 1.0 cannot carry them).
std::string xml_escape(std::string_view text);

}  // namespace tftsr::integrations
