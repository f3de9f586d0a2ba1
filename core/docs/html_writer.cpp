#include "core/docs/html_writer.h"

#include <md4c-html.h>

#include "core/crypto/base64.h"
#include "core/docs/markdown_blocks.h"
#include "core/error.h"

namespace tftsr::docs {

namespace {
constexpr const char* kCss = R"css(
:root { color-scheme: light; }
body { font-family: "DejaVu Sans", "Noto Sans", "Noto Sans CJK SC", "Noto Sans CJK JP", system-ui, sans-serif;
       font-size: 11pt; line-height: 1.45; color: #1d1d1f; max-width: 52em; margin: 2em auto; padding: 0 1.5em; }
h1 { font-size: 1.7em; border-bottom: 2px solid #2a4d8f; padding-bottom: .2em; }
h2 { font-size: 1.35em; margin-top: 1.6em; border-bottom: 1px solid #d0d4dc; padding-bottom: .15em; }
h3 { font-size: 1.1em; margin-top: 1.2em; }
a { color: #1f5fbf; }
code, pre { font-family: "DejaVu Sans Mono", "Noto Sans Mono CJK SC", monospace; font-size: .9em; }
code { background: #f1f3f6; padding: 0 .25em; border-radius: 3px; word-break: break-all; }
pre { background: #f1f3f6; padding: .7em 1em; border-radius: 4px; white-space: pre-wrap; overflow-wrap: anywhere; }
pre code { background: none; padding: 0; }
table { border-collapse: collapse; margin: 1em 0; width: 100%; font-size: .92em; }
th, td { border: 1px solid #b8bec9; padding: .35em .6em; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
th { background: #e6ebf3; }
tr:nth-child(even) td { background: #f8f9fb; }
blockquote { border-left: 4px solid #d0d4dc; margin-left: 0; padding-left: 1em; color: #4a4f57; }
figure { margin: 1.5em 0; page-break-inside: avoid; }
figure img { max-width: 100%; border: 1px solid #d0d4dc; }
figcaption { font-size: .9em; color: #4a4f57; }
@page { margin: 2cm; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  a { color: inherit; }
  thead { display: table-header-group; }
  tr, pre, blockquote { page-break-inside: avoid; }
  h1, h2, h3 { page-break-after: avoid; }
}
)css";

void append_output(const MD_CHAR* text, MD_SIZE size, void* user) {
  static_cast<std::string*>(user)->append(text, size);
}
}  // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string markdown_to_html(std::string_view markdown) {
  std::string out;
  out.reserve(markdown.size() + markdown.size() / 4);
  if (md_html(markdown.data(), static_cast<MD_SIZE>(markdown.size()), append_output, &out, markdown_parser_flags(),
              MD_HTML_FLAG_SKIP_UTF8_BOM) != 0)
    throw Error(ErrorKind::Internal, "the Markdown renderer stopped on this document");
  return out;
}

std::string html_page(const std::string& title, std::string_view markdown, const std::vector<EmbeddedImage>& images) {
  std::string out = "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"generator\" content=\"TFTSR\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
                    html_escape(title) + "</title>\n<style>" + kCss + "</style>\n</head>\n<body>\n<main>\n";
  out += markdown_to_html(markdown);
  if (!images.empty()) {
    out += "<section class=\"images\">\n<h2>Images</h2>\n";
    for (const auto& im : images)
      out += "<figure><img alt=\"" + html_escape(im.file_name) + "\" src=\"data:image/png;base64," +
             base64_encode(im.png) + "\"><figcaption>" + html_escape(im.file_name) + "</figcaption></figure>\n";
    out += "</section>\n";
  }
  out += "</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace tftsr::docs
