#include "app/gui/short_title.h"

namespace tftsr::gui {

std::string short_title(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  std::size_t cut = max_bytes >= 2 ? max_bytes - 2 : 0;  // room for most of "…" (3 bytes)
  // Back to the first byte of a character: continuation bytes are 10xxxxxx.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut)) + "…";
}

}  // namespace tftsr::gui
