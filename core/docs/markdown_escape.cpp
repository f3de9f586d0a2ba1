#include "core/docs/markdown_escape.h"

#include <cctype>

namespace tftsr::docs {

namespace {
// Punctuation that starts or ends Markdown syntax anywhere in a line. A backslash before ASCII
// punctuation is always a literal in CommonMark, so over-escaping is harmless.
bool special_anywhere(char c) {
  switch (c) {
    case '\\': case '`': case '*': case '_': case '[': case ']': case '<': case '>': case '&': case '|':
    case '~': case '!': case '#': case '$':
      return true;
    default:
      return false;
  }
}

std::string escape_line(std::string_view line) {
  std::string out;
  out.reserve(line.size() + 8);
  std::size_t first = line.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  line.remove_prefix(first);  // leading blanks would make an indented code block
  // Syntax that only counts at the start of a line: list markers, setext underlines, "1." / "1)".
  if (!line.empty() && (line[0] == '-' || line[0] == '+' || line[0] == '=')) out += '\\';
  std::size_t digits = 0;
  while (digits < line.size() && std::isdigit(static_cast<unsigned char>(line[digits]))) ++digits;
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (c == '\r') continue;
    if (special_anywhere(c) || (digits > 0 && i == digits && (c == '.' || c == ')'))) out += '\\';
    out += c;
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == '\t')) out.pop_back();
  return out;
}
}  // namespace

std::string md_inline(std::string_view text) {
  std::string joined(text);
  for (char& c : joined)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  return escape_line(joined);
}

std::string md_block(std::string_view text) {
  std::string out;
  bool pending_break = false;  // the previous line had text: join with a hard break
  bool pending_blank = false;
  std::size_t at = 0;
  while (at <= text.size()) {
    std::size_t nl = text.find('\n', at);
    std::string_view line = text.substr(at, nl == std::string_view::npos ? std::string_view::npos : nl - at);
    std::string escaped = escape_line(line);
    if (escaped.empty()) {
      if (pending_break) pending_blank = true;
    } else {
      if (pending_blank) out += "\n\n";
      else if (pending_break) out += "\\\n";
      out += escaped;
      pending_break = true;
      pending_blank = false;
    }
    if (nl == std::string_view::npos) break;
    at = nl + 1;
  }
  return out;
}

}  // namespace tftsr::docs
