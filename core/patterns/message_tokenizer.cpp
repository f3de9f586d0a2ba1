#include "core/patterns/message_tokenizer.h"

#include <cstring>

namespace tftsr::patterns {

namespace {
bool is_separator(char c) { return c == ' ' || c == '\t' || c == '|' || c == '\r' || c == '\v' || c == '\f'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_opening(char c) { return c == '(' || c == '[' || c == '{' || c == '<' || c == '"' || c == '\''; }
bool is_closing(char c) {
  return c == ')' || c == ']' || c == '}' || c == '>' || c == '"' || c == '\'' || c == ',' || c == '.' || c == ';' ||
         c == ':';
}
bool is_key_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '-' || c == '.';
}
// Units after a number belong to it: "12 ms", "(0.41 KB)".
bool is_unit(std::string_view t) {
  static constexpr std::string_view kUnits[] = {"B",   "KB", "MB", "GB",  "TB",   "KiB", "MiB", "GiB", "TiB", "kB",
                                                "ms",  "us", "ns", "s",   "sec",  "secs", "min", "mins", "h",  "%",
                                                "Kb", "Mb", "Gb", "kbps", "Mbps", "Gbps"};
  for (auto u : kUnits)
    if (t == u) return true;
  return false;
}

// Month and weekday names: a date written out inside a message ("at Fri Jun 17 07:07:00 2005").
bool is_date_word(std::string_view t) {
  if (t.size() != 3) return false;
  static constexpr std::string_view kWords[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                                                "Nov", "Dec", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  for (auto w : kWords)
    if (t == w) return true;
  return false;
}
}  // namespace

bool MessageTokenizer::is_variable(std::string_view core) {
  if (core.empty()) return false;
  std::size_t slashes = 0;
  for (char c : core) {
    if (is_digit(c)) return true;
    slashes += c == '/';
  }
  if (core[0] == '/' && slashes >= 2) return true;                       // /var/log/messages
  if (core.size() > 2 && core[0] == '~' && core[1] == '/') return true;  // ~/x
  if (core.size() > 2 && core[1] == ':' && core[2] == '\\') return true;  // C:\Windows
  if (core.size() > 2 && core[0] == '\\' && core[1] == '\\') return true;  // \\server\share
  if (core.find("://") != std::string_view::npos) return true;
  const auto at = core.find('@');
  if (at != std::string_view::npos && at > 0 && core.find('.', at) != std::string_view::npos) return true;
  return false;
}

const std::vector<std::string_view>& MessageTokenizer::tokenize(std::string_view message, std::size_t max_tokens) {
  scratch_.clear();
  pieces_.clear();
  tokens_.clear();
  std::size_t pos = 0;
  const std::size_t n = message.size();
  while (pieces_.size() < max_tokens) {
    while (pos < n && is_separator(message[pos])) ++pos;
    if (pos >= n) break;
    const std::size_t begin = pos;
    bool digit = false;
    // In JSON, `,"` starts the next field: {"ts":"...","level":"info","msg":"..."} reads field by
    // field (the comma stays with the field before it).
    while (pos < n && !is_separator(message[pos])) {
      if (message[pos] == ',' && pos + 1 < n && message[pos + 1] == '"' && pos > begin) {
        ++pos;
        break;
      }
      digit |= is_digit(message[pos++]);
    }
    const std::string_view token = message.substr(begin, pos - begin);
    if (!digit && token.size() <= 5 && !pieces_.empty() && pieces_.back().own &&
        pieces_.back().offset + pieces_.back().size == scratch_.size() && scratch_.ends_with(kWildcard)) {
      std::size_t unit_end = token.size();
      while (unit_end > 0 && is_closing(token[unit_end - 1])) --unit_end;
      if (is_unit(token.substr(0, unit_end))) {
        scratch_.append(token.substr(unit_end));
        pieces_.back().size = static_cast<std::uint32_t>(scratch_.size() - pieces_.back().offset);
        continue;
      }
    }
    // An empty pair of brackets is a variable that is empty this time: "from x () at" and
    // "from x (host) at" are one template.
    if (token == "()" || token == "[]" || token == "{}" || token == "\"\"" || token == "''") {
      const std::size_t offset = scratch_.size();
      scratch_ += token[0];
      scratch_.append(kWildcard);
      scratch_ += token[1];
      pieces_.push_back({true, static_cast<std::uint32_t>(offset), 5});
      continue;
    }
    // Fast path: a word of letters and punctuation that is no path, URL or address stays.
    if (!digit && token.size() != 3 && token.find_first_of("/\\@=") == std::string_view::npos) {
      pieces_.push_back({false, static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(token.size())});
      continue;
    }
    std::size_t lead = 0, trail = token.size();
    while (lead < trail && is_opening(token[lead])) ++lead;
    while (trail > lead && is_closing(token[trail - 1])) --trail;
    const std::string_view core = token.substr(lead, trail - lead);
    // key=value and key:123 keep their key.
    std::size_t key_end = 0;
    const std::size_t eq = core.find('=');
    const std::size_t json_colon = core.find("\":");
    if (json_colon != std::string_view::npos && json_colon > 0 && (eq == std::string_view::npos || json_colon < eq)) {
      key_end = json_colon + 2;  // "key": value, the key's opening quote already stripped
    } else if (eq != std::string_view::npos && eq > 0) {
      key_end = eq + 1;
    } else {
      const std::size_t colon = core.find(':');
      if (colon != std::string_view::npos && colon > 0 && colon + 1 < core.size() && is_digit(core[colon + 1]))
        key_end = colon + 1;
      // host:port is one variable, port:22 a key and its value.
      for (std::size_t i = 0; i + 1 < key_end; ++i)
        if (core[i] == '.') key_end = 0;
    }
    for (std::size_t i = 0; i + 1 < key_end; ++i)
      if (!is_key_char(core[i]) && !(core[i] == '"' && core[i + 1] == ':')) key_end = 0;
    if (key_end && key_end < core.size() && (core[key_end] == '"' || core[key_end] == '\''))
      ++key_end;  // the value's opening quote stays: image="<*>"
    const std::string_view value = core.substr(key_end);
    // A value with a dot or colon is a host, an address or a number: rhost=troi.example.com.
    const bool variable = is_variable(value) || is_date_word(value) ||
                          (key_end && value.find_first_of(".:") != std::string_view::npos);
    if (!variable) {
      pieces_.push_back({false, static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(token.size())});
      continue;
    }
    if (lead == 0 && trail == token.size() && key_end == 0 && !pieces_.empty() && pieces_.back().own &&
        pieces_.back().size == kWildcard.size() &&
        std::string_view(scratch_).substr(pieces_.back().offset, pieces_.back().size) == kWildcard)
      continue;  // a run of variables is one variable: lists and dates of any length match
    const std::size_t offset = scratch_.size();
    scratch_.append(token.substr(0, lead + key_end));
    scratch_.append(kWildcard);
    scratch_.append(token.substr(trail));
    pieces_.push_back({true, static_cast<std::uint32_t>(offset), static_cast<std::uint32_t>(scratch_.size() - offset)});
  }
  tokens_.reserve(pieces_.size());
  for (const auto& p : pieces_)
    tokens_.push_back(p.own ? std::string_view(scratch_).substr(p.offset, p.size) : message.substr(p.offset, p.size));
  return tokens_;
}

}  // namespace tftsr::patterns
