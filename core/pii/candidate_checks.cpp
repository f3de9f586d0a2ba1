#include "core/pii/candidate_checks.h"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "core/pii/domain_names.h"
#include "core/pii/validators.h"

namespace tftsr::pii {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_alpha(char c) { return is_lower(c) || is_upper(c); }
bool is_alnum(char c) { return is_alpha(c) || is_digit(c); }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_token_char(char c) { return is_alnum(c) || c == '_' || c == '-'; }
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

char at(std::string_view text, std::size_t i) { return i < text.size() ? text[i] : '\0'; }
char before(std::string_view text, std::size_t start) { return start > 0 ? text[start - 1] : '\0'; }

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) {
    if (is_upper(c)) c = static_cast<char>(c + 32);
  }
  return out;
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const char x = is_upper(a[i]) ? static_cast<char>(a[i] + 32) : a[i];
    const char y = is_upper(b[i]) ? static_cast<char>(b[i] + 32) : b[i];
    if (x != y) return false;
  }
  return true;
}

// ---- key=value ------------------------------------------------------------------------------

// The identifier that ends just before the separator at `sep` ("db_password" in
// "db_password=", "appSecretKey" in "\"appSecretKey\": ").
std::string_view key_before(std::string_view text, std::size_t sep) {
  std::size_t key_end = sep;
  while (key_end > 0 && (text[key_end - 1] == ' ' || text[key_end - 1] == '\t')) --key_end;
  if (key_end > 0 && (text[key_end - 1] == '"' || text[key_end - 1] == '\'')) --key_end;
  if (key_end > 0 && text[key_end - 1] == '\\') --key_end;
  std::size_t key_start = key_end;
  while (key_start > 0 && key_end - key_start < 128 &&
         (is_alnum(text[key_start - 1]) || text[key_start - 1] == '_' || text[key_start - 1] == '-' ||
          text[key_start - 1] == '.')) {
    --key_start;
  }
  return text.substr(key_start, key_end - key_start);
}

// Lower-case segments of an identifier: "appSecretKey" -> app secret key, "DB_SECRET_VALUE" ->
// db secret value, "x-auth-token" -> x auth token.
std::vector<std::string> key_segments(std::string_view key) {
  std::vector<std::string> out;
  std::string current;
  for (std::size_t i = 0; i < key.size(); ++i) {
    const char c = key[i];
    if (!is_alnum(c)) {
      if (!current.empty()) out.push_back(std::move(current));
      current.clear();
      continue;
    }
    if (is_upper(c) && i > 0 && is_lower(key[i - 1]) && !current.empty()) {
      out.push_back(std::move(current));
      current.clear();
    }
    current += is_upper(c) ? static_cast<char>(c + 32) : c;
  }
  if (!current.empty()) out.push_back(std::move(current));
  return out;
}

// Last segments that make the key describe a secret instead of holding one: "token_type",
// "secret_name", "password_min_length", "max_tokens_used".
bool is_metadata_word(std::string_view w) {
  static constexpr std::array<std::string_view, 48> kWords = {
      "name", "names", "type", "kind", "count", "ttl", "expiry", "expires", "expiration", "expired", "length",
      "len", "size", "file", "path", "dir", "ref", "version", "limit", "format", "provider", "source", "store",
      "manager", "mode", "enabled", "required", "url", "uri", "endpoint", "header", "field", "policy", "method",
      "usage", "used", "remaining", "index", "arn", "time", "timeout", "age", "duration", "lifetime", "status",
      "error", "location", "label"};
  return std::find(kWords.begin(), kWords.end(), w) != kWords.end();
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// How strongly a key says its value is a secret of the rule's type.
enum class KeyKind {
  None,
  Strong,     // password, secret, token, credentials, private key, ...
  ShortWord,  // pwd, pass, pw: a bare number after them is a count ("tests pass: 34")
  Weak,       // session, cookie, auth: often hold ids and states, so only random-looking values
  Pin,        // pin: a short run of digits
};

KeyKind key_kind(PiiType type, std::string_view key) {
  const auto segs = key_segments(key);
  if (segs.empty()) return KeyKind::None;
  std::string joined;
  for (const auto& s : segs) joined += s;
  const auto& last = segs.back();
  switch (type) {
    case PiiType::Password: {
      if (is_metadata_word(last)) return KeyKind::None;
      for (const auto& s : segs) {
        // "password_history=5": after more words, a bare number is a setting, not a password.
        if (s.find("passw") != std::string::npos || s == "passphrase")
          return &s == &segs.back() ? KeyKind::Strong : KeyKind::ShortWord;
      }
      for (const auto& s : segs) {
        if (s == "pwd" || s == "pass" || s == "pw") return KeyKind::ShortWord;
      }
      return KeyKind::None;
    }
    case PiiType::ApiKey:
      for (auto w : {"apikey", "apitoken", "subscriptionkey"}) {
        if (ends_with(joined, w)) return KeyKind::Strong;
      }
      return KeyKind::None;
    case PiiType::GenericSecret: {
      if (last == "pin") return KeyKind::Pin;
      if (is_metadata_word(last)) return KeyKind::None;
      for (const auto& s : segs) {
        if (s.find("secret") != std::string::npos || ends_with(s, "token") || s == "credential" ||
            s == "credentials" || s == "creds")
          return KeyKind::Strong;
      }
      for (auto w : {"privatekey", "signingkey", "encryptionkey", "accountkey", "sharedaccesskey"}) {
        if (ends_with(joined, w)) return KeyKind::Strong;
      }
      for (const auto& s : segs) {
        if (s == "session" || s == "sessionid" || s == "cookie" || s == "auth") return KeyKind::Weak;
      }
      return KeyKind::None;
    }
    case PiiType::Username:
      if (last == "user" || last == "username" || last == "login" || last == "logname" || last == "ruser" ||
          last == "uname" || (last == "name" && segs.size() >= 2 && segs[segs.size() - 2] == "user"))
        return KeyKind::Strong;
      return KeyKind::None;
    case PiiType::Hostname:
      if (last == "host" || last == "hostname" || last == "rhost" || last == "nodename" ||
          last == "servername" ||
          (last == "name" && segs.size() >= 2 &&
           (segs[segs.size() - 2] == "host" || segs[segs.size() - 2] == "node" ||
            segs[segs.size() - 2] == "server")))
        return KeyKind::Strong;
      return KeyKind::None;
    default:
      return KeyKind::Strong;
  }
}

// "%s", "%d", "%(password)s", "%{PASS}", "%DB_PASS%": a format directive, not a value.
bool is_format_directive(std::string_view v) {
  if (v.size() < 2 || v[0] != '%') return false;
  if (v[1] == '(' || v[1] == '{') return true;
  std::size_t i = 1;
  while (i < v.size() && (is_digit(v[i]) || v[i] == '-' || v[i] == '.' || v[i] == 'l')) ++i;
  if (i + 1 == v.size() && std::string_view("sdifuxXqvrp").find(v[i]) != std::string_view::npos) return true;
  if (v.back() == '%' && v.size() > 2 &&
      std::all_of(v.begin() + 1, v.end() - 1, [](char c) { return is_upper(c) || is_digit(c) || c == '_'; }))
    return true;
  return false;
}

bool is_placeholder(std::string_view v) {
  if (v.empty()) return true;
  // Masks: "****", "xxxxxx", "#####" (a lone "x" may be a real, if bad, password).
  if (std::all_of(v.begin(), v.end(), [](char c) { return c == '*' || c == '#'; })) return true;
  if (v.size() >= 3 && std::all_of(v.begin(), v.end(), [](char c) { return c == 'x' || c == 'X'; })) return true;
  if (v[0] == '$' || v[0] == '<' || v[0] == '[' || v[0] == '(' || v[0] == '{') return true;
  if (is_format_directive(v)) return true;
  static constexpr std::array<std::string_view, 14> kWords = {
      "null", "none", "nil", "true", "false", "redacted", "masked", "hidden", "undefined",
      "empty", "n/a", "na", "-", "required"};
  for (auto w : kWords) {
    if (equals_ignoring_case(v, w)) return true;
  }
  return false;
}

// "Token{a64f992", "Optional[abc]", "Foo(bar)": an object's printed form, not a value.
bool reads_as_object_dump(std::string_view v) {
  std::size_t i = 0;
  while (i < v.size() && (is_alnum(v[i]) || v[i] == '_' || v[i] == '.' || v[i] == '$')) ++i;
  return i >= 2 && i < v.size() && is_alpha(v[0]) && (v[i] == '{' || v[i] == '(' || v[i] == '[');
}

// The value after a key: quoted ("...", '...') or up to the first delimiter.
Span read_value(std::string_view text, std::size_t pos, bool skip_blanks) {
  if (skip_blanks) {
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t')) ++pos;
  }
  if (pos < text.size() && text[pos] == '\\' && (at(text, pos + 1) == '"' || at(text, pos + 1) == '\'')) ++pos;
  const char quote = at(text, pos);
  if (quote == '"' || quote == '\'') {
    const std::size_t start = pos + 1;
    std::size_t end = start;
    while (end < text.size() && end - start < 512 && text[end] != quote && text[end] != '\n') ++end;
    if (end > start && text[end - 1] == '\\') --end;  // escaped JSON quote closes the value
    if (at(text, end) == quote || at(text, end + 1) == quote) return {start, end};
    return {start, start};
  }
  std::size_t end = pos;
  while (end < text.size() && end - pos < 512) {
    const char c = text[end];
    // '&' ends the value only when a query parameter follows ("&user=").
    if (c == '&') {
      std::size_t k = end + 1;
      while (k < text.size() && (is_alnum(text[k]) || text[k] == '_')) ++k;
      if (k > end + 1 && at(text, k) == '=') break;
    }
    if (is_space(c) || c == '"' || c == '\'' || c == ',' || c == ';' || c == '<' || c == '>' ||
        c == ')' || c == ']' || c == '}' || c == '\\' || c == '|')
      break;
    ++end;
  }
  return {pos, end};
}

bool has_digit(std::string_view v) { return std::any_of(v.begin(), v.end(), is_digit); }
bool all_digits(std::string_view v) { return !v.empty() && std::all_of(v.begin(), v.end(), is_digit); }

// "set_password: don't accept...", "password: normalize the input": a label in running text,
// not a key and its value.
bool reads_as_prose(std::string_view text, Span v) {
  if (v.start > 0 && (text[v.start - 1] == '"' || text[v.start - 1] == '\'')) return false;  // quoted
  const auto value = text.substr(v.start, v.end - v.start);
  if (!std::all_of(value.begin(), value.end(), is_lower)) return false;
  const char next = at(text, v.end);
  if (next == '\'' && is_alpha(at(text, v.end + 1))) return true;  // don't
  return next == ' ' && is_lower(at(text, v.end + 1));
}

bool has_letter(std::string_view v) { return std::any_of(v.begin(), v.end(), is_alpha); }

// Ids, states and counts look like this; secrets behind weak keys ("session=", "cookie=") do not.
bool looks_random(std::string_view v) {
  return v.size() >= 16 && has_letter(v) && has_digit(v);
}

bool is_login_stop_word(std::string_view v) {
  static constexpr std::array<std::string_view, 58> kWords = {
      "unknown", "invalid", "illegal", "none", "null", "nil", "true", "false", "yes", "no", "ok", "success",
      "successful", "failed", "failure", "error", "denied", "logged", "from", "input", "interaction", "action",
      "confirmation", "request", "response", "data", "id", "name", "consent", "approval", "selection",
      "authentication", "login", "logout", "session", "account", "accounts", "the", "a", "an", "is", "was", "has",
      "not", "with", "who", "that", "this", "and", "or", "to", "of", "in", "on", "at", "list", "info", "profile"};
  for (auto w : kWords) {
    if (equals_ignoring_case(v, w)) return true;
  }
  return false;
}

// A host name after a host key: letters, digits, '-', '.', with at least one letter.
std::optional<Span> read_host_value(std::string_view text, std::size_t pos) {
  while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t' || text[pos] == '"' || text[pos] == '\'')) ++pos;
  std::size_t end = pos;
  while (end < text.size() && end - pos < 253 && (is_alnum(text[end]) || text[end] == '-' || text[end] == '.' || text[end] == '_'))
    ++end;
  while (end > pos && (text[end - 1] == '.' || text[end - 1] == '-')) --end;
  const auto value = text.substr(pos, end - pos);
  if (value.size() < 2 || !has_letter(value) || !is_alnum(value[0])) return std::nullopt;
  const char next = at(text, end);
  if (next == '=' || next == '(' || next == '{' || next == '[' || next == '@' || next == '$') return std::nullopt;
  if (equals_ignoring_case(value, "localhost") || is_login_stop_word(value) || is_placeholder(value))
    return std::nullopt;
  return Span{pos, end};
}

std::optional<Span> confirm_keyed(const DetectionRule& rule, std::string_view text, std::size_t to) {
  const std::size_t sep = to - 1;  // the ':' or '='
  const KeyKind kind = key_kind(rule.type, key_before(text, sep));
  if (kind == KeyKind::None) return std::nullopt;
  if (rule.type == PiiType::Hostname) return read_host_value(text, to);
  // "key: value" (YAML/JSON/headers) allows blanks after the separator; "key=value" does not, so
  // "password= user=bob" does not read "user=bob" as the password.
  // "key = value" (blanks on both sides, as in INI and aws config files) is read like "key: value".
  const bool after_colon = text[sep] == ':';
  const bool spaced_equals = sep > 0 && (text[sep - 1] == ' ' || text[sep - 1] == '\t');
  const Span v = read_value(text, to, after_colon || spaced_equals);
  auto value = text.substr(v.start, v.end - v.start);
  if (is_placeholder(value) || reads_as_object_dump(value)) return std::nullopt;
  switch (rule.type) {
    case PiiType::Password:
      if (kind == KeyKind::ShortWord && all_digits(value)) return std::nullopt;  // "tests pass: 34"
      if (value[0] == '/' || value.starts_with("~/")) return std::nullopt;  // PWD=/srv/app: a directory
      if (after_colon && reads_as_prose(text, v)) return std::nullopt;
      break;
    case PiiType::ApiKey:
    case PiiType::GenericSecret:
      if (kind == KeyKind::Pin) {
        if (!all_digits(value) || value.size() < 4 || value.size() > 8) return std::nullopt;
        break;
      }
      if (kind == KeyKind::Weak && !looks_random(value)) return std::nullopt;
      // Token counts, "token: expired": a secret is long and not a plain word or number.
      if (value.size() < 8 || all_digits(value)) return std::nullopt;
      if (!has_digit(value) && value.size() < 16) return std::nullopt;
      break;
    case PiiType::Username:
      if (!has_letter(value) || value.find('=') != std::string_view::npos || is_login_stop_word(value))
        return std::nullopt;
      if (after_colon && reads_as_prose(text, v)) return std::nullopt;
      break;
    default:
      break;
  }
  return v;
}

// ---- command lines ----------------------------------------------------------------------------

// The program named on the line before `pos` ("mysql", "curl"), by the base name of its path.
std::string command_before(std::string_view text, std::size_t pos) {
  std::size_t line = pos;
  while (line > 0 && pos - line < 1024 && text[line - 1] != '\n') --line;
  static constexpr std::array<std::string_view, 14> kCommands = {
      "mysql", "mysqldump", "mysqladmin", "mysqlimport", "mysqlsh", "mariadb", "mariadb-dump",
      "curl", "wget", "sshpass", "mongo", "mongosh", "mongodump", "sudo"};
  std::string found;
  std::size_t i = line;
  while (i < pos) {
    while (i < pos && (is_space(text[i]) || text[i] == '"' || text[i] == '\'' || text[i] == '`' || text[i] == '(')) ++i;
    std::size_t e = i;
    while (e < pos && !is_space(text[e])) ++e;
    auto word = text.substr(i, e - i);
    const auto slash = word.rfind('/');
    if (slash != std::string_view::npos) word.remove_prefix(slash + 1);
    for (auto c : kCommands) {
      if (word == c) found = std::string(c);
    }
    i = e;
  }
  return found;
}

bool is_mysql_like(std::string_view command) {
  return command.starts_with("mysql") || command.starts_with("mariadb") || command.starts_with("mongo");
}

std::optional<Span> read_word(std::string_view text, std::size_t pos) {
  const char quote = at(text, pos);
  if (quote == '"' || quote == '\'') {
    std::size_t end = pos + 1;
    while (end < text.size() && end - pos < 256 && text[end] != quote && text[end] != '\n') ++end;
    if (at(text, end) != quote || end == pos + 1) return std::nullopt;
    return Span{pos + 1, end};
  }
  std::size_t end = pos;
  while (end < text.size() && end - pos < 256 && !is_space(text[end]) && text[end] != '"' && text[end] != '\'' &&
         text[end] != ';' && text[end] != '|' && text[end] != '&' && text[end] != '`')
    ++end;
  if (end == pos) return std::nullopt;
  return Span{pos, end};
}

// [ \t]-p, [ \t]-u / --user, --password, --username: `to` ends the flag (and its separator).
std::optional<Span> confirm_command_line(const DetectionRule& rule, std::string_view text, std::size_t to) {
  std::size_t flag_end = to;
  while (flag_end > 0 && (text[flag_end - 1] == ' ' || text[flag_end - 1] == '\t' || text[flag_end - 1] == '='))
    --flag_end;
  std::size_t flag_start = flag_end;
  while (flag_start > 0 && (is_alpha(text[flag_start - 1]) || text[flag_start - 1] == '-')) --flag_start;
  const auto flag = text.substr(flag_start, flag_end - flag_start);
  const bool attached = to == flag_end && to < text.size() && !is_space(text[to]) && text[to] != '=';
  std::size_t value_pos = to;
  if (to == flag_end && !attached) {
    // The pattern ended at the flag: the separator follows.
    while (value_pos < text.size() && (text[value_pos] == ' ' || text[value_pos] == '\t')) ++value_pos;
    if (value_pos == to && at(text, value_pos) == '=') ++value_pos;
    if (value_pos == to) return std::nullopt;
  }
  const auto word = read_word(text, value_pos);
  if (!word) return std::nullopt;
  const auto value = text.substr(word->start, word->end - word->start);
  if (value[0] == '-' || is_placeholder(value)) return std::nullopt;
  const std::string command = command_before(text, flag_start);
  const auto colon = value.find(':');

  if (rule.type == PiiType::Password) {
    if (flag == "-p") {
      if (!(is_mysql_like(command) || command == "sshpass")) return std::nullopt;
      return word;
    }
    if (flag == "-u" || flag == "--user") {
      // curl -u user:password
      if (command != "curl" || colon == std::string_view::npos || colon + 1 >= value.size()) return std::nullopt;
      return Span{word->start + colon + 1, word->end};
    }
    if (flag.starts_with("--pass")) return attached ? std::nullopt : word;
    return std::nullopt;
  }
  // Username
  if (attached && !(flag == "-u" && is_mysql_like(command))) return std::nullopt;
  const std::size_t user_end = colon == std::string_view::npos ? word->end : word->start + colon;
  const auto user = text.substr(word->start, user_end - word->start);
  if (user.empty() || !has_letter(user) || is_login_stop_word(user)) return std::nullopt;
  if (flag == "--username") return Span{word->start, user_end};
  if (flag == "-u" || flag == "--user") {
    if (command.empty() || command == "sshpass" || command == "wget") return std::nullopt;
    return Span{word->start, user_end};
  }
  return std::nullopt;
}

// ---- login phrases and syslog hosts ----------------------------------------------------------

// The word that ends at `end` (after skipping blanks), lower-cased.
std::string word_before(std::string_view text, std::size_t end) {
  while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == '\t')) --end;
  std::size_t start = end;
  while (start > 0 && end - start < 24 && (is_alpha(text[start - 1]) || text[start - 1] == '-' || text[start - 1] == '/'))
    --start;
  return lower(text.substr(start, end - start));
}

// `to` follows "[ \t]user " or "password|publickey|/pam|none|hostbased for ".
std::optional<Span> confirm_login_phrase(std::string_view text, std::size_t to) {
  std::size_t key_end = to;
  while (key_end > 0 && (text[key_end - 1] == ' ' || text[key_end - 1] == '\t')) --key_end;
  if (lower(text.substr(key_end >= 4 ? key_end - 4 : 0, 4)) == "user") {
    static constexpr std::array<std::string_view, 6> kBefore = {"invalid", "illegal", "authenticating", "for", "by",
                                                                "from"};
    const auto w = word_before(text, key_end - 4);
    if (std::find(kBefore.begin(), kBefore.end(), w) == kBefore.end()) return std::nullopt;
  } else {
    // "... for ": the method before it must follow "Accepted" or "Failed".
    std::size_t method_end = key_end - 3;  // before "for"
    while (method_end > 0 && (text[method_end - 1] == ' ' || text[method_end - 1] == '\t')) --method_end;
    std::size_t method_start = method_end;
    while (method_start > 0 && !is_space(text[method_start - 1]) && method_end - method_start < 40) --method_start;
    const auto w = word_before(text, method_start);
    if (w != "accepted" && w != "failed") return std::nullopt;
  }
  const auto word = read_word(text, to);
  if (!word) return std::nullopt;
  std::size_t end = word->end;
  const std::size_t start = word->start;
  // Sentence punctuation after an unquoted name.
  if (start == to) {
    while (end > start && (text[end - 1] == '.' || text[end - 1] == ',' || text[end - 1] == ':' ||
                           text[end - 1] == ')' || text[end - 1] == ';'))
      --end;
  }
  const auto value = text.substr(start, end - start);
  if (value.empty() || value.size() > 64 || is_login_stop_word(value) || is_placeholder(value)) return std::nullopt;
  if (value.find('=') != std::string_view::npos || value[0] == '(') return std::nullopt;
  return Span{start, end};
}

// Three bytes compared as one number: this runs on every "hh:mm:ss " of a log, and twelve calls
// to memcmp there were a visible share of a file scan.
bool is_month_abbreviation(std::string_view s) {
  const auto packed = [](std::string_view three) {
    return static_cast<unsigned>(static_cast<unsigned char>(three[0])) << 16 |
           static_cast<unsigned>(static_cast<unsigned char>(three[1])) << 8 | static_cast<unsigned char>(three[2]);
  };
  static constexpr std::string_view kMonths = "JanFebMarAprMayJunJulAugSepOctNovDec";
  const unsigned key = packed(s);
  bool month = false;
  for (std::size_t k = 0; k < kMonths.size(); k += 3) month |= key == packed(kMonths.substr(k, 3));
  return month;
}

}  // namespace

std::optional<Span> syslog_host_after(std::string_view text, std::size_t time_start, std::size_t time_end) {
  // "Mon dd hh:mm:ss HOST tag": the time is "dd:dd:dd" followed by one blank, after a day and a
  // month name that start a line or a field. The next field must read as a program tag
  // ("sshd[123]:", "kernel[0]:", "/usr/sbin/cron[5]:", "su(pam_unix)[9]:").
  if (time_end - time_start != 8 || at(text, time_end) != ' ') return std::nullopt;
  for (std::size_t k = 0; k < 8; ++k) {
    const char c = text[time_start + k];
    if (k == 2 || k == 5 ? c != ':' : !is_digit(c)) return std::nullopt;
  }
  const std::size_t to = time_end + 1;
  std::size_t m = time_start;
  const std::size_t day_end = m;
  while (m > 0 && m + 4 > day_end && (text[m - 1] == ' ' || text[m - 1] == '\t')) --m;
  if (m == day_end) return std::nullopt;
  const std::size_t digits_end = m;
  while (m > 0 && digits_end - m < 2 && is_digit(text[m - 1])) --m;
  if (m == digits_end) return std::nullopt;
  const std::size_t month_end = m;
  while (m > 0 && month_end - m < 2 && (text[m - 1] == ' ' || text[m - 1] == '\t')) --m;
  if (m == month_end || m < 3) return std::nullopt;
  m -= 3;
  if (!is_month_abbreviation(text.substr(m, 3))) return std::nullopt;
  if (m > 0 && !is_space(text[m - 1]) && text[m - 1] != '[' && text[m - 1] != '>') return std::nullopt;
  std::size_t end = to;
  while (end < text.size() && end - to < 128 && !is_space(text[end])) ++end;
  if (end == to || at(text, end) != ' ') return std::nullopt;
  std::size_t start = to;
  for (std::size_t k = to; k < end; ++k) {
    if (text[k] == '@') start = k + 1;  // "local@tbird-admin1": facility@host
  }
  const auto host = text.substr(start, end - start);
  if (host.empty() || !has_letter(host) || !is_alnum(host[0]) || host.back() == ':') return std::nullopt;
  for (char c : host) {
    if (!(is_alnum(c) || c == '-' || c == '.' || c == '_' || c == '/')) return std::nullopt;
  }
  const char tag = at(text, end + 1);
  if (!(is_alpha(tag) || tag == '/' || tag == '-' || tag == '_')) return std::nullopt;
  return Span{start, end};
}

namespace {

std::optional<Span> confirm_bearer_or_basic(const DetectionRule& rule, std::string_view text, std::size_t to) {
  std::size_t end = to;
  while (end < text.size() && (is_token_char(text[end]) || text[end] == '.' || text[end] == '~' ||
                               text[end] == '+' || text[end] == '/' || text[end] == '=')) {
    ++end;
  }
  const auto value = text.substr(to, end - to);
  if (rule.type == PiiType::BasicAuth) {
    if (value.size() < 8 || !is_basic_auth_credential(value)) return std::nullopt;
  } else {
    if (value.size() < 16 || !has_digit(value)) return std::nullopt;
  }
  return Span{to, end};
}

std::optional<Span> confirm_phrase(std::string_view text, std::size_t to) {
  std::size_t end = to;
  while (end < text.size() && end - to < 128 && !is_space(text[end])) ++end;
  // Sentence punctuation is not part of the password; '!' often is, so it stays.
  while (end > to && (text[end - 1] == '.' || text[end - 1] == ',' || text[end - 1] == ';' ||
                      text[end - 1] == ':' || text[end - 1] == '?' || text[end - 1] == ')' ||
                      text[end - 1] == '"' || text[end - 1] == '\'')) {
    --end;
  }
  std::size_t start = to;
  if (start < end && (text[start] == '"' || text[start] == '\'')) ++start;
  const auto value = text.substr(start, end - start);
  static constexpr std::array<std::string_view, 40> kStopWords = {
      "incorrect", "invalid", "wrong", "expired", "required", "missing", "empty", "not", "too",
      "correct", "set", "changed", "reset", "valid", "the", "a", "an", "being", "about", "going",
      "still", "now", "weak", "strong", "null", "none", "blank", "unchanged", "ok", "okay",
      "accepted", "rejected", "locked", "no", "successfully", "updated", "different", "same",
      "expiring", "due"};
  for (auto w : kStopWords) {
    if (equals_ignoring_case(value, w)) return std::nullopt;
  }
  if (is_placeholder(value)) return std::nullopt;
  // "password was supplied", "password is missing", "password is GNUTLS_E_DECRYPTION_FAILED":
  // a participle or a constant's name, not a password.
  if (std::all_of(value.begin(), value.end(), is_lower) &&
      (value.ends_with("ed") || value.ends_with("ing") || value.ends_with("ly")))
    return std::nullopt;
  if (value.find('_') != std::string_view::npos &&
      std::all_of(value.begin(), value.end(), [](char c) { return is_upper(c) || is_digit(c) || c == '_'; }))
    return std::nullopt;
  return Span{start, end};
}

// ---- PEM --------------------------------------------------------------------------------------

std::optional<Span> confirm_pem(std::string_view text, std::size_t from, std::size_t to) {
  constexpr std::size_t kMaxBlock = 1 << 20;
  const auto header = text.substr(from, to - from);
  std::string footer(header);
  footer.replace(5, 5, "END");  // "-----BEGIN X-----" -> "-----END X-----"
  // Blocks do not nest: the search for the footer stops at the next BEGIN line, so that a log
  // full of headers without footers is still read in linear time.
  const std::size_t limit = std::min(text.size(), to + kMaxBlock);
  for (std::size_t pos = to;;) {
    const auto dashes = text.find("-----", pos);
    if (dashes == std::string_view::npos || dashes >= limit) break;
    if (text.compare(dashes, footer.size(), footer) == 0) return Span{from, dashes + footer.size()};
    if (text.compare(dashes, 10, "-----BEGIN") == 0) break;
    pos = dashes + 5;
  }
  // No footer (truncated log): take the header and the base64 lines that follow it. Each line is
  // read only up to its first byte that is not base64, so this stays linear too.
  auto is_base64 = [](char c) { return is_alnum(c) || c == '+' || c == '/' || c == '='; };
  std::size_t pos = to;
  if (at(text, pos) == '\r') ++pos;
  if (at(text, pos) != '\n') return Span{from, to};
  ++pos;
  std::size_t end = to;
  while (pos < text.size() && pos - to < kMaxBlock) {
    std::size_t k = pos;
    while (k < text.size() && is_base64(text[k])) ++k;
    if (k == pos) break;
    const std::size_t line_end = k;
    if (at(text, k) == '\r') ++k;
    if (k < text.size() && text[k] != '\n') break;  // the line goes on with other bytes
    end = line_end;
    pos = k + 1;
  }
  return Span{from, end};
}

// ---- values -----------------------------------------------------------------------------------

// "Released 3.6.11.1", "section 5.7.1.2", "version 1.2.3.4": a dotted quad after one of these
// words numbers a release or a chapter, not a host.
bool preceded_by_version_word(std::string_view text, std::size_t from) {
  std::size_t end = from;
  while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == '\t' || text[end - 1] == '#' || text[end - 1] == '=' ||
                     text[end - 1] == ':' || text[end - 1] == '"' || text[end - 1] == '\''))
    --end;
  if (end == from) return false;
  std::size_t start = end;
  while (start > 0 && is_alpha(text[start - 1]) && end - start < 12) --start;
  const auto word = lower(text.substr(start, end - start));
  static constexpr std::array<std::string_view, 20> kWords = {
      "version", "versions", "release", "released", "releases", "ver", "section", "sections", "chapter", "clause",
      "step", "revision", "build", "firmware", "fw", "driver", "bios", "vers", "rev", "v"};
  return std::find(kWords.begin(), kWords.end(), word) != kWords.end();
}

std::optional<Span> confirm_card(std::string_view text, std::size_t from, std::size_t to) {
  // The match may swallow neighbouring digit groups ("qty 12 4111 1111 1111 1111"): try every
  // start and end on a group boundary, longest first.
  std::vector<std::size_t> starts{from}, ends{to};
  for (std::size_t i = from; i < to; ++i) {
    if (!is_digit(text[i])) {
      starts.push_back(i + 1);
      ends.push_back(i);
    }
  }
  std::sort(ends.rbegin(), ends.rend());
  for (std::size_t s : starts) {
    // "blk_-3636681193077858741": a signed id, not a card.
    if (is_alnum(before(text, s)) || before(text, s) == '.' || before(text, s) == '_') continue;
    if (before(text, s) == '-' && s == from && (s < 2 || !is_digit(text[s - 2]))) continue;
    for (std::size_t e : ends) {
      if (e <= s + 12) break;
      if (is_alnum(at(text, e)) || (at(text, e) == '.' && is_digit(at(text, e + 1)))) continue;
      if ((at(text, e) == '-' || at(text, e) == ' ') && is_digit(at(text, e + 1)) && e == to) {
        // More digit groups follow the match: part of a longer number.
        continue;
      }
      if (is_plausible_card_number(text.substr(s, e - s))) return Span{s, e};
    }
  }
  return std::nullopt;
}

std::optional<Span> confirm_value(PiiType type, std::string_view text, std::size_t from, std::size_t to) {
  const auto value = text.substr(from, to - from);
  const char prev = before(text, from);
  const char next = at(text, to);
  switch (type) {
    case PiiType::UrlWithCredentials: {
      // Schemes are short words ("https", "postgres"); a long run before "://" is not one.
      if (value.find("://") > 32) return std::nullopt;
      std::size_t end = to;
      while (end > from && (text[end - 1] == '.' || text[end - 1] == '-')) --end;
      if (is_alnum(prev)) return std::nullopt;
      return Span{from, end};
    }
    case PiiType::Jwt:
    case PiiType::AwsAccessKey:
    case PiiType::GitHubToken:
    case PiiType::GitLabToken:
    case PiiType::SlackToken:
    case PiiType::StripeKey:
    case PiiType::AnthropicKey:
    case PiiType::GoogleApiKey:
    case PiiType::SlackWebhook:
    case PiiType::ApiKey:
    case PiiType::GenericSecret: {
      if (is_token_char(prev) || is_token_char(next)) return std::nullopt;
      // "hf_xxxxxxxx…", "xoxb-xxxxxxxxx-…", "AKIAXXXXXXXX…": a placeholder in the vendor's format.
      std::size_t run = 0;
      for (char c : value) {
        run = (c == 'x' || c == 'X' || c == '*') ? run + 1 : 0;
        if (run >= 6) return std::nullopt;
      }
      return Span{from, to};
    }
    case PiiType::OpenAiKey: {
      if (is_token_char(prev) || is_token_char(next) || value.starts_with("sk-ant-")) return std::nullopt;
      const bool digit = has_digit(value);
      const bool upper = std::any_of(value.begin(), value.end(), is_upper);
      const bool low = std::any_of(value.begin() + 3, value.end(), is_lower);
      if (!(digit && upper && low)) return std::nullopt;
      return Span{from, to};
    }
    case PiiType::CreditCard:
      return confirm_card(text, from, to);
    case PiiType::Ssn:
      if (is_alnum(prev) || prev == '-' || prev == '.' || is_alnum(next) || (next == '-' && is_digit(at(text, to + 1))))
        return std::nullopt;
      if (!is_valid_ssn(value)) return std::nullopt;
      return Span{from, to};
    case PiiType::Email: {
      const auto at_sign = value.find('@');
      const auto local = value.substr(0, at_sign);
      if (local.empty() || local.front() == '.' || local.back() == '.') return std::nullopt;
      const auto domain = value.substr(at_sign + 1);
      if (!is_known_host_suffix(lower(domain.substr(domain.rfind('.') + 1)))) return std::nullopt;
      if (is_alnum(next) || next == '_') return std::nullopt;
      return Span{from, to};
    }
    case PiiType::MacAddress:
      if (is_token_char(prev) || is_token_char(next) || prev == ':' || prev == '.' ||
          ((next == ':' || next == '.') && is_hex(at(text, to + 1))))
        return std::nullopt;
      if (value[4] == '.' && std::none_of(value.begin(), value.end(), is_alpha)) return std::nullopt;
      return Span{from, to};
    case PiiType::Ipv6: {
      if (is_alnum(prev) || prev == ':' || prev == '_' || prev == '.' || is_alnum(next) || next == ':' || next == '_')
        return std::nullopt;
      if (std::none_of(value.begin(), value.end(), is_hex)) return std::nullopt;  // bare "::"
      if (!is_valid_ipv6(value)) return std::nullopt;
      return Span{from, to};
    }
    case PiiType::Ipv4:
    case PiiType::ReservedAddress:
      if (value.find(':') != std::string_view::npos) return confirm_value(PiiType::Ipv6, text, from, to);
      if (is_alnum(prev) || prev == '.' || prev == '~' || is_alnum(next) || next == '_' ||
          (next == '.' && is_alnum(at(text, to + 1))))
        return std::nullopt;
      // "amd64_6.1.7601.1_none": a version between underscores; "host_10.1.2.3" is an address.
      if (prev == '_' && (next == '_' || next == '-')) return std::nullopt;
      // Package versions: "fpc-3.2.2.1.gz", "(1.2.5.1-2": a dash joins the number to a word or
      // to a revision. After a word, an address that starts with a one-digit octet reads as a
      // version ("gcc-4.8.5.1"); "host-10.1.2.3" and "BP-1347369012-10.190.173.170-1444972147527"
      // (ids around an address) are addresses; "10.0.0.1-10.0.0.9" is a range.
      if (prev == '-' && is_alpha(before(text, from - 1)) && at(text, from + 1) == '.') return std::nullopt;
      if (preceded_by_version_word(text, from)) return std::nullopt;
      if (next == '-' && is_digit(at(text, to + 1))) {
        std::size_t k = to + 1;
        while (k < text.size() && (is_digit(text[k]) || text[k] == '.')) ++k;
        const auto tail = text.substr(to + 1, k - to - 1);
        const bool long_id = tail.size() >= 5 && all_digits(tail);
        if (!long_id && !is_valid_ipv4(tail)) return std::nullopt;
      }
      if (!is_valid_ipv4(value)) return std::nullopt;
      return Span{from, to};
    case PiiType::PhoneNumber: {
      if (is_alnum(prev) || prev == '.' || prev == '-' || prev == '_' || prev == '/' || prev == ':' ||
          is_alnum(next) || next == '_' || next == '/' ||
          ((next == '-' || next == '.' || next == ':') && is_digit(at(text, to + 1))))
        return std::nullopt;
      std::string digits;
      for (char c : value) {
        if (is_digit(c)) digits += c;
      }
      if (value[0] == '+') {
        if (digits.size() < 8 || digits.size() > 15) return std::nullopt;
        if (value.starts_with("+1")) {
          // NANP: "+1 NXX NXX XXXX".
          if (digits.size() != 11 || digits[1] < '2') return std::nullopt;
        }
      } else {
        const std::size_t skip = digits.size() == 11 ? 1 : 0;
        // NANP area codes start with 2-9 (so does the exchange in real numbers, but the fictional
        // 555 numbers used in examples and tests often do not: only the area code is checked).
        if (digits.size() - skip != 10 || digits[skip] < '2') return std::nullopt;
      }
      const auto open = std::count(value.begin(), value.end(), '(');
      if (open != std::count(value.begin(), value.end(), ')')) return std::nullopt;
      return Span{from, to};
    }
    case PiiType::Hostname: {
      // A name without dots comes from address_host() ("ip-10-0-3-17"): its shape is the proof.
      if (value.find('.') == std::string_view::npos) return value.size() <= 63 ? std::optional<Span>(Span{from, to}) : std::nullopt;
      if (!is_plausible_hostname(text, from, to)) return std::nullopt;
      // Labels are at most 63 bytes, names at most 253.
      if (value.size() > 253) return std::nullopt;
      std::size_t label_start = 0;
      for (std::size_t i = 0; i <= value.size(); ++i) {
        if (i == value.size() || value[i] == '.') {
          if (i - label_start > 63) return std::nullopt;
          label_start = i + 1;
        }
      }
      return Span{from, to};
    }
    default:
      return Span{from, to};
  }
}

}  // namespace

std::optional<Span> confirm_candidate(const DetectionRule& rule, std::string_view text, std::size_t from,
                                      std::size_t to) {
  std::optional<Span> span;
  switch (rule.kind) {
    case RuleKind::PemBlock:
      span = confirm_pem(text, from, to);
      break;
    case RuleKind::PhraseValue:
      span = rule.form == ValueForm::LoginPhrase ? confirm_login_phrase(text, to) : confirm_phrase(text, to);
      break;
    case RuleKind::KeyedValue:
      if (rule.form == ValueForm::CommandLine) {
        span = confirm_command_line(rule, text, to);
      } else if (rule.type == PiiType::BearerToken || rule.type == PiiType::BasicAuth) {
        span = confirm_bearer_or_basic(rule, text, to);
      } else {
        span = confirm_keyed(rule, text, to);
      }
      break;
    case RuleKind::Value:
      span = confirm_value(rule.type, text, from, to);
      break;
  }
  if (span && span->end <= span->start) return std::nullopt;
  return span;
}

}  // namespace tftsr::pii

namespace tftsr::pii {

std::optional<Span> confirm_value_span(PiiType type, std::string_view text, std::size_t from, std::size_t to) {
  if (to <= from || to > text.size()) return std::nullopt;
  auto span = confirm_value(type, text, from, to);
  if (span && span->end <= span->start) return std::nullopt;
  return span;
}

}  // namespace tftsr::pii
