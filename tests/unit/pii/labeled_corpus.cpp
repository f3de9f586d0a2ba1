#include "labeled_corpus.h"

#include <stdexcept>

namespace tftsr::pii::testing {

LabeledText parse_labeled_text(std::string_view labeled) {
  LabeledText out;
  out.text.reserve(labeled.size());
  std::size_t pos = 0;
  while (true) {
    const auto open = labeled.find("{{", pos);
    if (open == std::string_view::npos) {
      out.text.append(labeled.substr(pos));
      break;
    }
    out.text.append(labeled.substr(pos, open - pos));
    const auto colon = labeled.find(':', open);
    const auto close = labeled.find("}}", open);
    if (colon == std::string_view::npos || close == std::string_view::npos || colon > close)
      throw std::runtime_error("malformed label at byte " + std::to_string(open));
    const auto name = labeled.substr(open + 2, colon - open - 2);
    const auto type = pii_type_from_name(name);
    if (!type) throw std::runtime_error("unknown type in label: " + std::string(name));
    const auto value = labeled.substr(colon + 1, close - colon - 1);
    const std::size_t start = out.text.size();
    out.text.append(value);
    out.expected.push_back({*type, start, out.text.size(), {}});
    pos = close + 2;
  }
  return out;
}

}  // namespace tftsr::pii::testing
