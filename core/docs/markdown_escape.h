#pragma once
// User text placed into generated Markdown: escaped so that it reads back as the same text
// (underscores in identifiers stay underscores, `<script>` stays text, `|` never splits a cell).
#include <string>
#include <string_view>

namespace tftsr::docs {

// One line of text: line breaks become spaces.
std::string md_inline(std::string_view text);
// Several lines: each escaped, line breaks kept as hard breaks, blank lines as paragraph breaks.
std::string md_block(std::string_view text);

}  // namespace tftsr::docs
