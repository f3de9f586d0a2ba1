#include "core/patterns/pattern_matcher.h"

#include "core/patterns/line_header.h"
#include "core/patterns/line_kind.h"

namespace tftsr::patterns {

namespace {
constexpr std::size_t kMaxTokens = 256;  // as the miner's default
constexpr std::size_t kMaxLineBytes = 4096;
}  // namespace

PatternMatcher::PatternMatcher(const std::vector<PatternTemplate>& templates) {
  for (std::size_t i = 0; i < templates.size(); ++i) {
    const auto& t = templates[i];
    ids_.push_back(t.id);
    Compiled c;
    std::size_t pos = 0;
    while (pos < t.text.size()) {
      std::size_t end = t.text.find(' ', pos);
      if (end == std::string::npos) end = t.text.size();
      if (end > pos) c.tokens.emplace_back(t.text.substr(pos, end - pos));
      pos = end + 1;
    }
    for (const auto& tok : c.tokens) c.constants += tok != kWildcard;
    if (t.text == kEmptyLineTemplate && !empty_) empty_ = i;
    else if (t.text == kBinaryLineTemplate && !binary_) binary_ = i;
    if (!c.tokens.empty() && c.tokens[0] != kWildcard) by_first_constant_[c.tokens[0]].push_back(i);
    else without_constant_.push_back(i);
    templates_.push_back(std::move(c));
  }
}

std::optional<std::size_t> PatternMatcher::find_id(std::string_view id) const {
  for (std::size_t i = 0; i < ids_.size(); ++i)
    if (ids_[i] == id) return i;
  return std::nullopt;
}

bool PatternMatcher::glob(const Compiled& t, const std::vector<std::string_view>& line) const {
  // Iterative wildcard matching with one backtrack point (each <*> takes 0..n tokens).
  std::size_t ti = 0, li = 0, star = std::string::npos, mark = 0;
  while (li < line.size()) {
    if (ti < t.tokens.size() && t.tokens[ti] == kWildcard) {
      star = ti++;
      mark = li;
    } else if (ti < t.tokens.size() && t.tokens[ti] == line[li]) {
      ++ti, ++li;
    } else if (star != std::string::npos) {
      ti = star + 1;
      li = ++mark;
    } else {
      return false;
    }
  }
  while (ti < t.tokens.size() && t.tokens[ti] == kWildcard) ++ti;
  return ti == t.tokens.size();
}

std::optional<std::size_t> PatternMatcher::match(std::string_view line) {
  if (line.size() > kMaxLineBytes) line = line.substr(0, kMaxLineBytes);
  if (is_blank_line(line)) return empty_;
  if (looks_binary(line)) return binary_;
  const LineHeader header = parse_line_header(line, 2000);
  const auto* tokens = &tokenizer_.tokenize(line.substr(header.message_begin), kMaxTokens);
  if (tokens->empty()) tokens = &tokenizer_.tokenize(line, kMaxTokens);
  std::optional<std::size_t> best;
  auto consider = [&](std::size_t i) {
    if (best && (templates_[i].constants < templates_[*best].constants ||
                 (templates_[i].constants == templates_[*best].constants && i > *best)))
      return;
    if (glob(templates_[i], *tokens)) best = i;
  };
  if (!tokens->empty())
    if (auto it = by_first_constant_.find(std::string((*tokens)[0])); it != by_first_constant_.end())
      for (std::size_t i : it->second) consider(i);
  for (std::size_t i : without_constant_) consider(i);
  return best;
}

}  // namespace tftsr::patterns
