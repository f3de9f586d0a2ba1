#include "core/ai/conversation_placeholder.h"

#include <algorithm>

#include "core/pii/pii_type.h"

namespace tftsr::ai {

namespace {
std::string tag(std::string_view type, int n) {
  std::string out(type);
  out += '_';
  out += std::to_string(n);
  return out;
}
}  // namespace

ConversationPlaceholder::ConversationPlaceholder(const std::vector<PlaceholderRow>& known) {
  for (const auto& row : known) {
    numbers_[{row.pii_type, row.value}] = row.ordinal;
    last_[row.pii_type] = std::max(last_[row.pii_type], row.ordinal);
    values_[tag(row.pii_type, row.ordinal)] = row.value;
  }
}

std::string ConversationPlaceholder::replacement(pii::PiiType type, std::string_view value) const {
  const std::string type_name(pii::pii_type_name(type));
  auto key = std::make_pair(type_name, std::string(value));
  auto it = numbers_.find(key);
  int n = 0;
  if (it != numbers_.end()) {
    n = it->second;
  } else {
    n = ++last_[type_name];
    numbers_.emplace(key, n);
    values_[tag(type_name, n)] = key.second;
    fresh_.push_back({type_name, n, key.second});
  }
  std::string out = "[";
  out += tag(type_name, n);
  out += ']';
  return out;
}

std::string ConversationPlaceholder::restore(std::string_view text) const {
  std::string out;
  out.reserve(text.size());
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t open = text.find('[', at);
    if (open == std::string_view::npos) break;
    const std::size_t close = text.find(']', open + 1);
    // Tags are short: a bracket far away is not the end of one.
    if (close == std::string_view::npos || close - open > 64) {
      out.append(text, at, open + 1 - at);
      at = open + 1;
      continue;
    }
    auto found = values_.find(std::string(text.substr(open + 1, close - open - 1)));
    if (found == values_.end()) {
      out.append(text, at, open + 1 - at);
      at = open + 1;
      continue;
    }
    out.append(text, at, open - at);
    out += found->second;
    at = close + 1;
  }
  out.append(text, at, std::string_view::npos);
  return out;
}

}  // namespace tftsr::ai
