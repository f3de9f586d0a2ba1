#include "core/patterns/line_header.h"

#include <array>
#include <cctype>

namespace tftsr::patterns {

namespace {
constexpr std::size_t kMaxHeaderTokens = 16;
constexpr std::size_t kMaxHeaderBytes = 320;
constexpr std::size_t kMaxBracketBytes = 200;

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '|' || c == '\r'; }

int month_number(std::string_view s) {
  static constexpr std::array<std::string_view, 12> kMonths = {"jan", "feb", "mar", "apr", "may", "jun",
                                                               "jul", "aug", "sep", "oct", "nov", "dec"};
  if (s.size() < 3) return 0;
  const char a = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
  const char b = static_cast<char>(std::tolower(static_cast<unsigned char>(s[1])));
  const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(s[2])));
  for (std::size_t i = 0; i < kMonths.size(); ++i)
    if (kMonths[i][0] == a && kMonths[i][1] == b && kMonths[i][2] == c) return static_cast<int>(i) + 1;
  return 0;
}

bool is_weekday(std::string_view s) {
  static constexpr std::array<std::string_view, 7> kDays = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  if (s.size() < 3) return false;
  for (auto d : kDays)
    if (s.substr(0, 3) == d && (s.size() == 3 || std::isalpha(static_cast<unsigned char>(s[3])))) return true;
  return false;
}

// Reads digits at s[i...], at most `max` of them; -1 if none.
int read_number(std::string_view s, std::size_t& i, std::size_t max = 9) {
  int v = 0;
  std::size_t n = 0;
  while (i < s.size() && n < max && is_digit(s[i])) v = v * 10 + (s[i++] - '0'), ++n;
  return n ? v : -1;
}

enum class Kind { Word, Stamp, Level, Bracket, Dash, Tag };

// Digits and the punctuation of dates, times and numbers only (2016-09-28, 04:30:30,978, 1117838570).
bool is_stamp(std::string_view t) {
  bool digit = false;
  for (char c : t) {
    if (is_digit(c)) digit = true;
    else if (c != '-' && c != ':' && c != '/' && c != '.' && c != ',' && c != 'T' && c != 'Z' && c != '+') return false;
  }
  return digit;
}

bool has_digit(std::string_view t) {
  for (char c : t)
    if (is_digit(c)) return true;
  return false;
}
}  // namespace

std::int64_t civil_to_unix(int year, int month, int day, int hour, int minute, int second) {
  // Howard Hinnant's days_from_civil.
  const int y = year - (month <= 2);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = static_cast<unsigned>((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1);
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  const std::int64_t days = static_cast<std::int64_t>(era) * 146097 + static_cast<std::int64_t>(doe) - 719468;
  return days * 86400 + hour * 3600 + minute * 60 + second;
}

std::optional<std::int64_t> parse_header_time(std::string_view h, int default_year) {
  // HH:MM:SS anywhere in the header, then the date just before it (or, for Apache, the year after).
  for (std::size_t p = 0; p + 8 <= h.size(); ++p) {
    if (!(is_digit(h[p]) && is_digit(h[p + 1]) && h[p + 2] == ':' && is_digit(h[p + 3]) && is_digit(h[p + 4]) &&
          (h[p + 5] == ':' || h[p + 5] == '.') && is_digit(h[p + 6]) && is_digit(h[p + 7])))
      continue;
    if (p > 0 && is_digit(h[p - 1])) continue;
    int hour = (h[p] - '0') * 10 + (h[p + 1] - '0');
    {  // 12-hour clock: "01:05:00 PM"
      std::size_t q = p + 8;
      while (q < h.size() && (is_digit(h[q]) || h[q] == '.' || h[q] == ',')) ++q;
      const std::string_view rest = h.substr(q, 3);
      if (rest == " PM" && hour < 12) hour += 12;
      else if (rest == " AM" && hour == 12) hour = 0;
    }
    const int minute = (h[p + 3] - '0') * 10 + (h[p + 4] - '0');
    const int second = (h[p + 6] - '0') * 10 + (h[p + 7] - '0');
    if (hour > 23 || minute > 59 || second > 60) continue;
    // The date token just before: skip the separator (space, 'T', '-', ':').
    std::size_t end = p;
    while (end > 0 && (h[end - 1] == ' ' || h[end - 1] == 'T' || h[end - 1] == '-' || h[end - 1] == ':')) --end;
    std::size_t begin = end;
    while (begin > 0 && !is_space(h[begin - 1]) && h[begin - 1] != '[') --begin;
    std::string_view date = h.substr(begin, end - begin);
    int year = default_year, month = 0, day = 0;
    std::array<int, 3> groups{};
    std::array<std::size_t, 3> widths{};
    std::size_t n = 0, i = 0;
    while (i < date.size() && n < 3) {
      const std::size_t start = i;
      const int v = read_number(date, i);
      if (v < 0) break;
      groups[n] = v, widths[n++] = i - start;
      if (i < date.size() && (date[i] == '-' || date[i] == '/' || date[i] == '.')) ++i;
      else break;
    }
    if (n == 1 && widths[0] == 8) {  // 20171223
      year = groups[0] / 10000, month = groups[0] / 100 % 100, day = groups[0] % 100;
    } else if (n == 3 && widths[0] == 4) {  // 2016-09-28, 2005.06.03
      year = groups[0], month = groups[1], day = groups[2];
    } else if (n == 3 && widths[2] == 4) {  // 28/09/2016 or 09/28/2016
      year = groups[2];
      if (groups[0] > 12) day = groups[0], month = groups[1];
      else month = groups[0], day = groups[1];
    } else if (n == 3) {  // 17/06/09: Spark's yy/MM/dd
      year = 2000 + groups[0], month = groups[1], day = groups[2];
    } else if (n == 2) {  // 03-17 (Android), 10.30 (Proxifier): month first
      month = groups[0], day = groups[1];
    } else if (n == 1 && widths[0] <= 2 && begin > 0) {  // "Jun 14", "Sun Dec 04"
      day = groups[0];
      std::size_t mend = begin;
      while (mend > 0 && is_space(h[mend - 1])) --mend;
      std::size_t mbegin = mend;
      while (mbegin > 0 && !is_space(h[mbegin - 1]) && h[mbegin - 1] != '[') --mbegin;
      month = month_number(h.substr(mbegin, mend - mbegin));
      // Apache and ctime put the year after the time: "04:47:44 2005".
      std::size_t q = p + 8;
      while (q < h.size() && (is_digit(h[q]) || h[q] == '.' || h[q] == ',')) ++q;
      if (q < h.size() && h[q] == ' ') {
        std::size_t r = q + 1;
        const int y = read_number(h, r, 4);
        if (y >= 1970 && r - q - 1 == 4 && (r == h.size() || !is_digit(h[r]))) year = y;
      }
    }
    if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1970 || year > 2200) continue;
    return civil_to_unix(year, month, day, hour, minute, second);
  }
  // HDFS: "081109 203615" (yyMMdd HHmmss) at the start.
  if (h.size() >= 13 && h[6] == ' ') {
    std::size_t i = 0, j = 7;
    const int d = read_number(h, i, 6), t = read_number(h, j, 6);
    if (i == 6 && j == 13 && d >= 0 && t >= 0 && (j == h.size() || !is_digit(h[j]))) {
      const int month = d / 100 % 100, day = d % 100, hour = t / 10000, minute = t / 100 % 100, second = t % 100;
      if (month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour < 24 && minute < 60 && second < 61)
        return civil_to_unix(2000 + d / 10000, month, day, hour, minute, second);
    }
  }
  // Epoch seconds (2000..2040) as a token of its own.
  for (std::size_t p = 0; p + 10 <= h.size(); ++p) {
    if ((p > 0 && !is_space(h[p - 1])) || !is_digit(h[p])) continue;
    std::size_t i = p;
    const std::int64_t first = read_number(h, i, 10);
    if (i - p != 10 || (i < h.size() && !is_space(h[i]))) continue;
    if (first >= 946684800 && first < 2208988800) return first;
  }
  return std::nullopt;
}

namespace {
// The string value of "key": in a JSON object line, or empty.
std::string_view json_string(std::string_view line, std::string_view quoted_key) {
  const auto at = line.substr(0, kMaxHeaderBytes * 4).find(quoted_key);
  if (at == std::string_view::npos) return {};
  std::size_t p = at + quoted_key.size();
  while (p < line.size() && (line[p] == ' ' || line[p] == ':')) ++p;
  if (p >= line.size() || line[p] != '"') return {};
  const auto end = line.find('"', p + 1);
  return end == std::string_view::npos ? std::string_view{} : line.substr(p + 1, end - p - 1);
}

// A JSON object per line has no header: its level and time are fields.
LineHeader parse_json_header(std::string_view line, int default_year) {
  LineHeader header;
  for (auto key : {"\"level\"", "\"severity\"", "\"lvl\"", "\"loglevel\""}) {
    if (auto level = parse_log_level(json_string(line, key))) {
      header.level = *level;
      break;
    }
  }
  for (auto key : {"\"ts\"", "\"time\"", "\"timestamp\"", "\"@timestamp\""}) {
    const auto value = json_string(line, key);
    if (!value.empty() && (header.time = parse_header_time(value, default_year))) break;
  }
  return header;
}
}  // namespace

LineHeader parse_line_header(std::string_view line, int default_year) {
  if (!line.empty() && line[0] == '{') return parse_json_header(line, default_year);
  LineHeader header;
  const std::string_view head = line.substr(0, kMaxHeaderBytes);
  std::size_t pos = 0, words = 0, tokens = 0, since_end = 0;  // since_end: tokens after the header so far
  bool stamp_seen = false, level_seen = false, bracket_seen = false;
  bool previous_was_number = false;
  bool only_stamps = true;  // nothing but dates, times and numbers so far
  std::size_t prev_end = 0;  // end of the previous token: the header is contiguous when it reaches it
  while (tokens < kMaxHeaderTokens) {
    while (pos < head.size() && is_space(head[pos])) ++pos;
    if (pos >= head.size()) break;
    const std::size_t begin = pos;
    Kind kind = Kind::Word;
    if (head[pos] == '[') {
      // A bracketed field, brackets nested inside it: [QuorumPeer[myid=1]/0:0:0:0:2181:Election@774]
      int depth = 0;
      std::size_t q = pos;
      for (; q < head.size() && q - pos < kMaxBracketBytes; ++q) {
        if (head[q] == '[') ++depth;
        else if (head[q] == ']' && --depth == 0) break;
      }
      if (q >= head.size() || head[q] != ']') break;  // not a field: the message starts here
      pos = q + 1;
      while (pos < head.size() && !is_space(head[pos])) ++pos;  // "[1234]:"
      kind = Kind::Bracket;
      const std::string_view inner = head.substr(begin + 1, q - begin - 1);
      if (auto level = parse_log_level(inner)) {
        header.level = *level;
        level_seen = true;
      }
    } else {
      while (pos < head.size() && !is_space(head[pos])) ++pos;
      std::string_view t = head.substr(begin, pos - begin);
      const std::string_view bare = (t.size() > 1 && (t.back() == ',' || t.back() == ':')) ? t.substr(0, t.size() - 1) : t;
      if (t == "-" || t == "--") kind = Kind::Dash;
      else if (is_stamp(t) || (month_number(t) && t.size() == 3) || is_weekday(t) || t == "AM" || t == "PM")
        kind = Kind::Stamp;
      else if (auto level = parse_log_level(bare, previous_was_number)) {
        kind = Kind::Level;
        header.level = *level;
      } else if (t.size() > 1 && t.back() == ':' && t[t.size() - 2] != ':') kind = Kind::Tag;
      else if (has_digit(t)) kind = Kind::Stamp, only_stamps = false;  // host names, node ids, record names
      previous_was_number = is_stamp(t);
    }
    ++tokens;
    ++since_end;
    if (kind == Kind::Word || kind == Kind::Tag || kind == Kind::Bracket || kind == Kind::Level) only_stamps = false;
    switch (kind) {
      case Kind::Word:
        if (++words > 2) goto done;
        break;
      case Kind::Stamp:
        stamp_seen = true;
        // Numbers after a level or a bracketed field belong to the message ("[req-1] 10.0.0.1 GET").
        if (words == 0 && header.message_begin == prev_end && !level_seen && !bracket_seen) header.message_begin = pos;
        break;
      case Kind::Level:
        if (words > 3) goto done;
        level_seen = true;
        header.message_begin = pos, words = 0;
        break;
      case Kind::Bracket:
        bracket_seen = true;
        if (words <= 1 && (stamp_seen || level_seen || header.message_begin == prev_end))
          header.message_begin = pos, words = 0;
        stamp_seen = true;
        break;
      case Kind::Dash:
        if (tokens == 1) {  // a leading "-" is a field (a label), not a separator
          header.message_begin = pos;
          break;
        }
        if (only_stamps && words == 0) {  // "2015-07-29 17:41:44,747 - INFO ..."
          if (header.message_begin == prev_end) header.message_begin = pos;
          break;
        }
        if (words <= 2) header.message_begin = pos;
        goto done;
      case Kind::Tag:
        if (since_end <= 2 && words <= 2 && (stamp_seen || level_seen || head.substr(begin, pos - begin).find('[') != std::string_view::npos))
          header.message_begin = pos;
        goto done;
    }
    prev_end = pos;
    if (header.message_begin == pos) since_end = 0;
  }
done:
  while (header.message_begin < line.size() && is_space(line[header.message_begin])) ++header.message_begin;
  if (header.message_begin > 0) header.time = parse_header_time(line.substr(0, header.message_begin), default_year);
  return header;
}

}  // namespace tftsr::patterns
