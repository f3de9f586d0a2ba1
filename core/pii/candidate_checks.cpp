#include "core/pii/candidate_checks.h"

#include <algorithm>
#include <array>
#include <string>

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

bool equals_ignoring_case(std::string_view a, std::string_view b) { return lower(a) == lower(b); }

// ---- key=value ------------------------------------------------------------------------------

struct KeyWord {
  std::string_view word;
  bool needs_boundary;  // short words ("pass", "pw", "token") must start a key segment
};

constexpr std::array<KeyWord, 6> kPasswordKeys = {{{"password", false}, {"passwd", false},
                                                   {"passphrase", false}, {"pwd", true},
                                                   {"pass", true}, {"pw", true}}};
constexpr std::array<KeyWord, 6> kApiKeyKeys = {{{"api_key", false}, {"api-key", false}, {"apikey", false},
                                                 {"api_token", false}, {"api-token", false}, {"subscription-key", false}}};
constexpr std::array<KeyWord, 5> kSecretKeys = {{{"secret_access_key", false}, {"secret_key", false}, {"secret-key", false},
                                                 {"secret", true}, {"token", true}}};

// Reads the key that ends just before the separator at `sep` and checks it ends in one of
// `words` at a word boundary ("db_password", "dbPassword", "DB_PASS"; not "bypass", "csrftokens").
template <std::size_t N>
bool key_matches(std::string_view text, std::size_t sep, const std::array<KeyWord, N>& words,
                 bool* short_word) {
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
  const auto key = text.substr(key_start, key_end - key_start);
  const auto lkey = lower(key);
  for (const auto& w : words) {
    if (lkey.size() < w.word.size() || lkey.compare(lkey.size() - w.word.size(), w.word.size(), w.word) != 0) continue;
    const std::size_t at_word = key.size() - w.word.size();
    if (w.needs_boundary && at_word > 0) {
      const char prev = key[at_word - 1];
      const bool camel = is_lower(prev) && is_upper(key[at_word]);
      if (is_alpha(prev) && !camel) continue;
    }
    *short_word = w.needs_boundary;
    return true;
  }
  return false;
}

bool is_placeholder(std::string_view v) {
  if (v.empty()) return true;
  // Masks: "****", "xxxxxx", "#####" (a lone "x" may be a real, if bad, password).
  if (std::all_of(v.begin(), v.end(), [](char c) { return c == '*' || c == '#'; })) return true;
  if (v.size() >= 3 && std::all_of(v.begin(), v.end(), [](char c) { return c == 'x' || c == 'X'; })) return true;
  if (v[0] == '$' || v[0] == '<' || v[0] == '[' || v[0] == '(' || v[0] == '{' || v[0] == '%') return true;
  static constexpr std::array<std::string_view, 14> kWords = {
      "null", "none", "nil", "true", "false", "redacted", "masked", "hidden", "undefined",
      "empty", "n/a", "na", "-", "required"};
  for (auto w : kWords) {
    if (equals_ignoring_case(v, w)) return true;
  }
  return false;
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

std::optional<Span> confirm_keyed(const DetectionRule& rule, std::string_view text, std::size_t to) {
  const std::size_t sep = to - 1;  // the ':' or '='
  bool short_word = false;
  switch (rule.type) {
    case PiiType::Password:
      if (!key_matches(text, sep, kPasswordKeys, &short_word)) return std::nullopt;
      break;
    case PiiType::ApiKey:
      if (!key_matches(text, sep, kApiKeyKeys, &short_word)) return std::nullopt;
      break;
    case PiiType::GenericSecret:
      if (!key_matches(text, sep, kSecretKeys, &short_word)) return std::nullopt;
      break;
    default:
      break;
  }
  // "key: value" (YAML/JSON/headers) allows blanks after the separator; "key=value" does not, so
  // "password= user=bob" does not read "user=bob" as the password.
  // "key = value" (blanks on both sides, as in INI and aws config files) is read like "key: value".
  const bool after_colon = text[sep] == ':';
  const bool spaced_equals = sep > 0 && (text[sep - 1] == ' ' || text[sep - 1] == '\t');
  const Span v = read_value(text, to, after_colon || spaced_equals);
  auto value = text.substr(v.start, v.end - v.start);
  if (value.find('=') != std::string_view::npos && value.find_first_not_of('=', value.find('=')) != std::string_view::npos)
    return std::nullopt;  // "key=a=b": a nested assignment, not a value
  if (is_placeholder(value)) return std::nullopt;
  switch (rule.type) {
    case PiiType::Password:
      if (short_word && all_digits(value)) return std::nullopt;  // "tests pass: 34"
      if (value[0] == '/' || value.starts_with("~/")) return std::nullopt;  // PWD=/srv/app: a directory
      if (after_colon && reads_as_prose(text, v)) return std::nullopt;
      break;
    case PiiType::ApiKey:
    case PiiType::GenericSecret:
      // Token counts, "token: expired": a secret is long and not a plain word or number.
      if (value.size() < 8 || all_digits(value)) return std::nullopt;
      if (!has_digit(value) && value.size() < 16) return std::nullopt;
      break;
    default:
      break;
  }
  return v;
}

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
  while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == '\t' || text[end - 1] == '#')) --end;
  if (end == from) return false;
  std::size_t start = end;
  while (start > 0 && is_alpha(text[start - 1]) && end - start < 12) --start;
  const auto word = lower(text.substr(start, end - start));
  static constexpr std::array<std::string_view, 12> kWords = {
      "version", "versions", "release", "released", "releases", "ver", "section", "sections", "chapter", "clause",
      "step", "revision"};
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
    if (is_alnum(before(text, s)) || before(text, s) == '.') continue;
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
      if (is_token_char(prev) || is_token_char(next)) return std::nullopt;
      return Span{from, to};
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
      if (is_alnum(prev) || prev == '.' || prev == '_' || is_alnum(next) || next == '_' ||
          (next == '.' && is_alnum(at(text, to + 1))))
        return std::nullopt;
      // Package versions: "fpc-3.2.2.1.gz", "(1.2.5.1-2": a dash joins the number to a word or
      // to a revision; "10.0.0.1-10.0.0.9" is a range of addresses and stays.
      if (prev == '-' && is_alpha(before(text, from - 1))) return std::nullopt;
      if (preceded_by_version_word(text, from)) return std::nullopt;
      if (next == '-' && is_digit(at(text, to + 1))) {
        std::size_t k = to + 1;
        while (k < text.size() && (is_digit(text[k]) || text[k] == '.')) ++k;
        if (!is_valid_ipv4(text.substr(to + 1, k - to - 1))) return std::nullopt;
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
      span = confirm_phrase(text, to);
      break;
    case RuleKind::KeyedValue:
      span = (rule.type == PiiType::BearerToken || rule.type == PiiType::BasicAuth)
                 ? confirm_bearer_or_basic(rule, text, to)
                 : confirm_keyed(rule, text, to);
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
