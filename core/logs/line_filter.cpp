#include "core/logs/line_filter.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <regex>
#include <string_view>
#include <utility>

#include "core/error.h"

namespace tftsr {

namespace {
std::string lowered(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::function<bool(std::string_view)> matcher_for(const LineFilterQuery& query, std::size_t max_regex_bytes) {
  if (query.pattern.empty()) throw Error(ErrorKind::InvalidInput, "type something to find");
  if (query.regex) {
    auto flags = std::regex::ECMAScript | std::regex::optimize;
    if (query.ignore_case) flags |= std::regex::icase;
    std::shared_ptr<std::regex> re;
    try {
      re = std::make_shared<std::regex>(query.pattern, flags);
    } catch (const std::regex_error& e) {
      throw Error(ErrorKind::InvalidInput, "not a valid regular expression: " + std::string(e.what()));
    }
    return [re, max_regex_bytes](std::string_view line) {
      line = line.substr(0, max_regex_bytes);
      return std::regex_search(line.begin(), line.end(), *re);
    };
  }
  if (query.ignore_case) {
    std::string needle = lowered(query.pattern);
    return [needle](std::string_view line) {
      auto it = std::search(line.begin(), line.end(), needle.begin(), needle.end(),
                            [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
      return it != line.end();
    };
  }
  return [needle = query.pattern](std::string_view line) { return line.find(needle) != std::string_view::npos; };
}
}  // namespace

LineFilterResult filter_lines(std::int64_t text_size, const TextReader& read, const LineFilterQuery& query,
                              const Progress& progress, const LineFilterLimits& limits, const LineBatchSink& on_batch) {
  const auto matches = matcher_for(query, limits.max_line_bytes);
  return filter_lines_where(
      text_size, read, [&matches](std::int64_t, std::string_view line) { return matches(line); }, progress, limits,
      on_batch);
}

LineFilterResult filter_lines_where(std::int64_t text_size, const TextReader& read, const LinePredicate& keep,
                                    const Progress& progress, const LineFilterLimits& limits,
                                    const LineBatchSink& on_batch) {
  LineFilterResult result;
  std::size_t matched = 0;  // kept or handed over
  auto hand_over = [&] {
    if (on_batch && !result.lines.empty()) on_batch(std::exchange(result.lines, {}));
  };
  std::string carry;  // a line that continues into the next chunk
  std::int64_t carry_offset = 0;
  bool in_carry = false;
  // A line longer than this is examined on its first bytes only.
  auto append_capped = [&](std::string_view part) {
    if (carry.size() < limits.max_long_line_bytes) carry.append(part.substr(0, limits.max_long_line_bytes - carry.size()));
  };
  auto take = [&](std::string_view line, std::int64_t offset) {
    if (keep(result.lines_scanned, line)) {
      if (matched >= limits.max_matches) {
        result.truncated = true;
      } else {
        ++matched;
        result.lines.push_back({result.lines_scanned, offset, std::string(line.substr(0, limits.max_line_bytes))});
      }
    }
    ++result.lines_scanned;
  };
  std::int64_t at = 0;
  while (at < text_size && !result.truncated) {
    progress.throw_if_cancelled();
    const std::string chunk = read(at, std::min(limits.chunk_size, text_size - at));
    if (chunk.empty()) throw Error(ErrorKind::Storage, "the stored log text ends early, at byte " + std::to_string(at));
    std::string_view rest(chunk);
    std::int64_t rest_offset = at;
    for (std::size_t lf; (lf = rest.find('\n')) != std::string_view::npos;) {
      if (in_carry) {
        append_capped(rest.substr(0, lf));
        in_carry = false;
        take(carry, carry_offset);
        carry.clear();
      } else {
        take(rest.substr(0, lf), rest_offset);
      }
      rest.remove_prefix(lf + 1);
      rest_offset += static_cast<std::int64_t>(lf) + 1;
    }
    if (!rest.empty()) {
      if (!in_carry) carry_offset = rest_offset;
      in_carry = true;
      append_capped(rest);
    }
    at += static_cast<std::int64_t>(chunk.size());
    hand_over();
    progress.update(static_cast<double>(at) / static_cast<double>(text_size), "filtering lines");
  }
  if (in_carry && !result.truncated) take(carry, carry_offset);
  hand_over();
  return result;
}

}  // namespace tftsr
