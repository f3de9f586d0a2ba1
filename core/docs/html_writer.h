#pragma once
// A document as one self-contained HTML page: md4c's HTML with embedded CSS (styled tables,
// printable), images inlined as data: URLs.
#include <string>
#include <string_view>
#include <vector>

namespace tftsr::docs {

struct EmbeddedImage {
  std::string file_name;
  std::string png;  // the burned-in redacted rendition
};

// The body of the page: the Markdown rendered by md4c (raw HTML in the source stays text).
std::string markdown_to_html(std::string_view markdown);
std::string html_page(const std::string& title, std::string_view markdown, const std::vector<EmbeddedImage>& images);
std::string html_escape(std::string_view text);

}  // namespace tftsr::docs
