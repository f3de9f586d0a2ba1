#include "core/ai/ndjson_parser.h"

namespace tftsr::ai {

namespace {
bool blank(std::string_view s) { return s.find_first_not_of(" \t") == std::string_view::npos; }
}  // namespace

void NdjsonParser::feed(std::string_view bytes, const std::function<void(std::string_view)>& on_line) {
  lines_.feed(bytes, [&](std::string_view line) {
    if (!blank(line)) on_line(line);
  });
}

std::optional<std::string> NdjsonParser::finish() {
  auto rest = lines_.take_rest();
  if (rest && blank(*rest)) return std::nullopt;
  return rest;
}

}  // namespace tftsr::ai
