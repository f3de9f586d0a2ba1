#pragma once
// A document as a printable PDF laid out with pango on cairo: wrapped paragraphs, headings, nested
// lists, tables with borders that continue on the next page under a repeated header row, code in
// a monospace font, the title and "Page N of M" on every page, clickable links. Fonts come from
// a fontconfig family list, so CJK text falls back to a font that covers it.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/docs/html_writer.h"
#include "core/progress.h"

namespace tftsr::docs {

// Writes the PDF to `path` (replacing it) and returns the number of pages. Error(Io) if the file
// cannot be written, Error(Cancelled) if progress asks to stop.
int write_pdf(const std::filesystem::path& path, const std::string& title, std::string_view markdown,
              const std::vector<EmbeddedImage>& images, const Progress& progress = {});

}  // namespace tftsr::docs
