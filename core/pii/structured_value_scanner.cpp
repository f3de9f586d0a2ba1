#include "core/pii/structured_value_scanner.h"

#include <array>
#include <cstdint>
#include <cstring>
#include <string>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/pii/candidate_checks.h"
#include "core/pii/digit_bytes.h"
#include "core/pii/domain_names.h"
#include "core/pii/validators.h"

namespace tftsr::pii {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_alnum(char c) { return is_digit(c) || is_alpha(c); }
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool is_host_char(char c) { return is_alnum(c) || c == '-' || c == '.'; }
bool is_email_local_char(char c) {
  return is_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}

class Scanner {
 public:
  Scanner(std::string_view text, const PiiTypeSet& enabled, std::vector<Finding>& out)
      : t_(text), n_(text.size()), enabled_(enabled), out_(out) {}

  // Walks the stop bytes block by block (see stop_mask); each handler returns where scanning goes
  // on, always past the byte it was given.
  void run() {
    std::size_t resume = 0;
    for (std::size_t base = 0; base < n_; base += 64) {
      if (resume >= base + 64) continue;  // a handler already read past this block
      std::uint64_t mask = stop_mask(base);
      if (resume > base) mask &= ~std::uint64_t{0} << (resume - base);
      while (mask != 0) {
        resume = dispatch(base + static_cast<std::size_t>(__builtin_ctzll(mask)));
        if (resume >= base + 64) break;
        mask &= ~std::uint64_t{0} << (resume - base);
      }
    }
  }

 private:
  // Ordered by how often each byte occurs in logs.
  std::size_t dispatch(std::size_t i) {
    const char c = t_[i];
    if (is_digit(c)) return digit_run(i);
    if (c == '.') return dot(i);
    if (c == ':') return colon(i);
    if (c == '-') return dash(i);
    if (c == '@') return at_sign(i);
    return plus(i);
  }

  // Stops: ':', '.', '-', '@', '+', and digits that start a run outside a word (digits inside
  // "sda1" or "v2" can start nothing; after '_' only an address can: "host_10.1.2.3").
  // Computed 64 bytes at a time as a bit mask.
  bool is_stop(std::size_t k) const {
    const char c = t_[k];
    if (is_digit(c)) return k == 0 || !is_alnum(t_[k - 1]);
    return c == ':' || c == '.' || c == '-' || c == '@' || c == '+';
  }

  std::uint64_t stop_mask(std::size_t base) const {
#if defined(__SSE2__)
    if (base > 0 && base + 64 <= n_) {
      const __m128i digit_low = _mm_set1_epi8('0' - 1), digit_high = _mm_set1_epi8('9' + 1);
      const __m128i alpha_low = _mm_set1_epi8('a' - 1), alpha_high = _mm_set1_epi8('z' + 1);
      const __m128i case_bit = _mm_set1_epi8(0x20);
      const __m128i colon = _mm_set1_epi8(':'), at_sign = _mm_set1_epi8('@'), plus_sign = _mm_set1_epi8('+');
      const __m128i dash = _mm_set1_epi8('-'), dot = _mm_set1_epi8('.');
      std::uint64_t mask = 0;
      for (std::size_t part = 0; part < 64; part += 16) {
        const char* p = t_.data() + base + part;
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        const __m128i prev = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p - 1));
        const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, digit_low), _mm_cmplt_epi8(v, digit_high));
        const __m128i prev_lower = _mm_or_si128(prev, case_bit);
        const __m128i prev_word =
            _mm_or_si128(_mm_and_si128(_mm_cmpgt_epi8(prev, digit_low), _mm_cmplt_epi8(prev, digit_high)),
                         _mm_and_si128(_mm_cmpgt_epi8(prev_lower, alpha_low), _mm_cmplt_epi8(prev_lower, alpha_high)));
        const __m128i punct = _mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(v, colon), _mm_cmpeq_epi8(v, dot)),
            _mm_or_si128(_mm_cmpeq_epi8(v, dash), _mm_or_si128(_mm_cmpeq_epi8(v, at_sign), _mm_cmpeq_epi8(v, plus_sign))));
        const __m128i hit = _mm_or_si128(_mm_andnot_si128(prev_word, digit), punct);
        mask |= static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(hit))) << part;
      }
      return mask;
    }
#endif
    std::uint64_t mask = 0;
    for (std::size_t k = base; k < base + 64 && k < n_; ++k) {
      if (is_stop(k)) mask |= std::uint64_t{1} << (k - base);
    }
    return mask;
  }

  char at(std::size_t i) const { return i < n_ ? t_[i] : '\0'; }
  bool on(PiiType type) const { return contains(enabled_, type); }

  bool emit(PiiType type, std::size_t from, std::size_t to) {
    if (!on(type)) return false;
    const auto span = confirm_value_span(type, t_, from, to);
    if (!span) return false;
    out_.push_back({type, span->start, span->end, {}});
    return true;
  }

  std::size_t digits_from(std::size_t i) const {
    while (i + 8 <= n_) {
      std::uint64_t word;
      std::memcpy(&word, t_.data() + i, 8);
      const std::uint64_t not_digit = non_digit_bytes(word);
      if (not_digit != 0) return i + static_cast<std::size_t>(__builtin_ctzll(not_digit)) / 8;
      i += 8;
    }
    while (i < n_ && is_digit(t_[i])) ++i;
    return i;
  }

  // s: first digit of a run.
  std::size_t digit_run(std::size_t s) {
    const std::size_t j = digits_from(s);
    const std::size_t len = j - s;
    const char next = at(j);
    if (next == ':') return j;  // hex-and-colon token: colon() looks at it
    if (s > 0 && is_alpha(t_[s - 1])) return j;  // part of a word: sda1, v2
    if (s > 0 && t_[s - 1] == '_') {
      // "worker_3", "blk_38865049064139660": nothing but an address starts after '_'.
      if (next == '.' && len <= 3 && is_digit(at(j + 1))) return dotted_number(s);
      return j;
    }
    if (next == '.' && len <= 4) {
      std::size_t hex_start = s;
      while (hex_start > 0 && s - hex_start < 4 - len && is_hex(t_[hex_start - 1])) --hex_start;
      if (const auto e = cisco_mac(hex_start)) return e;
      if (is_digit(at(j + 1))) return dotted_number(s);
    }
    if (len == 3 && s > 0 && t_[s - 1] == '(' && next == ')') {
      if (const auto e = phone_tail(j + 1, true)) {
        std::size_t from = s - 1;
        if (from >= 2 && (t_[from - 1] == ' ' || t_[from - 1] == '-') && t_[from - 2] == '1') from -= 2;
        if (emit(PiiType::PhoneNumber, from, e)) return e;
      }
      return j;
    }
    if (len >= 13 && len <= 19) {
      if (!is_alpha(next) && next != '_') emit(PiiType::CreditCard, s, j);
      return j;
    }
    if (next == '-' || next == ' ' || next == '.') {
      if (len == 3) {
        if (next == '-' && is_digit(at(j + 1)) && is_digit(at(j + 2)) && at(j + 3) == '-' &&
            digits_from(j + 4) == j + 8 && emit(PiiType::Ssn, s, j + 8)) {
          return j + 8;
        }
        if (const auto e = phone_tail(j, false)) {
          std::size_t from = s;
          // A leading "1-"/"1 " country code, unless it belongs to a "+1" that plus() handles.
          if (s >= 2 && (t_[s - 1] == ' ' || t_[s - 1] == '-' || t_[s - 1] == '.') && t_[s - 2] == '1' &&
              (s < 3 || !is_digit(t_[s - 3])) && (s < 3 || t_[s - 3] != '+'))
            from = s - 2;
          if (emit(PiiType::PhoneNumber, from, e)) return e;
        }
      }
      if (len >= 4 && len <= 6 && (next == '-' || next == ' ')) {
        // Grouped card number: digit groups with one separator kind.
        std::size_t e = j;
        while (at(e) == next && is_digit(at(e + 1)) && e - s < 24) e = digits_from(e + 1);
        if (e - s >= 15 && emit(PiiType::CreditCard, s, e)) return e;
        // A dash-joined number that is no card ("2024-03-01") holds nothing else either: phones,
        // SSNs and dash MACs preceded by a digit and a dash are refused.
        if (next == '-' && !is_hex(at(e)) && at(e) != '-') return e;
      }
    }
    return j;
  }

  // After an area code ending at `p` (the separator, or the first byte after ')'), reads
  // "NNN-NNNN" with separators ' ', '.', '-' and returns the end, or 0.
  std::size_t phone_tail(std::size_t p, bool after_paren) const {
    if (at(p) == ' ' || at(p) == '.' || at(p) == '-') {
      ++p;
    } else if (!after_paren) {
      return 0;
    }
    if (digits_from(p) != p + 3) return 0;
    p += 3;
    if (at(p) != ' ' && at(p) != '.' && at(p) != '-') return 0;
    if (digits_from(p + 1) != p + 5) return 0;
    return p + 5;
  }

  // s: first digit of "d.d[.d...]". Finds IPv4 addresses, and NNN.NNN.NNNN phones.
  std::size_t dotted_number(std::size_t s) {
    std::size_t groups = 0;
    std::size_t e = s;
    std::array<std::size_t, 4> lens{};
    while (true) {
      const std::size_t g = digits_from(e);
      if (groups < 4) lens[groups] = g - e;
      ++groups;
      e = g;
      if (at(e) == '.' && is_digit(at(e + 1))) {
        ++e;
        continue;
      }
      break;
    }
    if (s > 0 && t_[s - 1] == '.') return e;  // inside a longer dotted number
    if (groups == 4) {
      const bool reserved = is_reserved_ipv4(t_.substr(s, e - s));
      emit(reserved ? PiiType::ReservedAddress : PiiType::Ipv4, s, e);
    } else if (groups == 3 && lens[0] == 3 && lens[1] == 3 && lens[2] == 4) {
      emit(PiiType::PhoneNumber, s, e);
    }
    return e;
  }

  // p: a ':'. Looks at the whole hex-and-colon token around it once.
  std::size_t colon(std::size_t p) {
    std::size_t s = p;
    while (s > 0 && (is_hex(t_[s - 1]) || t_[s - 1] == ':')) --s;
    std::size_t e = p;
    std::size_t colons = 0;
    bool double_colon = false;
    while (e < n_ && (is_hex(t_[e]) || t_[e] == ':')) {
      if (t_[e] == ':') {
        ++colons;
        if (at(e + 1) == ':') double_colon = true;
      }
      ++e;
    }
    for (std::size_t k = s; k < p; ++k) {
      if (t_[k] == ':') {
        ++colons;
        if (t_[k + 1] == ':') double_colon = true;
      }
    }
    // One colon ("addr:192.168.1.5", "udp:10.1.2.3:53"): what follows is scanned on its own.
    if (colons < 2) return p + 1;
    // "Jun 14 15:16:01 combo sshd[1]:": the host field of a syslog header.
    if (colons == 2 && e - s == 8 && at(e) == ' ' && on(PiiType::Hostname)) {
      if (const auto host = syslog_host_after(t_, s, e)) {
        out_.push_back({PiiType::Hostname, host->start, host->end, {}});
        return host->end;
      }
    }
    if (s > 0 && (is_alnum(t_[s - 1]) || t_[s - 1] == '_')) return e > p ? e : p + 1;
    if (colons == 5 && e - s == 17) {
      emit(PiiType::MacAddress, s, e);
      return e;
    }
    if (double_colon || colons == 7 || colons == 6) {
      std::size_t end = e;
      // Embedded IPv4 tail: "::ffff:192.0.2.1".
      if (at(end) == '.' && is_digit(at(end + 1))) {
        while (end < n_ && (is_digit(t_[end]) || t_[end] == '.')) ++end;
      }
      // Zone: "fe80::1%eth0".
      if (at(end) == '%' && is_alnum(at(end + 1))) {
        std::size_t z = end + 1;
        while (z < n_ && z - end <= 32 && (is_alnum(t_[z]) || t_[z] == '_' || t_[z] == '.' || t_[z] == '-')) ++z;
        end = z;
      }
      emit(is_reserved_ipv6(t_.substr(s, end - s)) ? PiiType::ReservedAddress : PiiType::Ipv6, s, end);
      return end;
    }
    return e > p ? e : p + 1;
  }

  // p: a '-'. Dash-separated MAC addresses ("hh-hh-hh-hh-hh-hh") and host names that embed an
  // address ("ip-10-0-3-17", "calvisitor-10-105-163-202").
  std::size_t dash(std::size_t p) {
    if (p >= 2 && is_alpha(t_[p - 1]) && is_digit(at(p + 1)) && on(PiiType::Hostname)) {
      if (const auto e = address_host(p)) return e;
    }
    if (p >= 2 && at(p + 3) == '-' && is_hex(t_[p - 1]) && is_hex(t_[p - 2]) && on(PiiType::MacAddress)) {
      const std::size_t s = p - 2;
      bool ok = s + 17 <= n_;
      for (std::size_t k = 0; ok && k < 17; ++k) ok = (k % 3 == 2) ? t_[s + k] == '-' : is_hex(t_[s + k]);
      if (ok && emit(PiiType::MacAddress, s, s + 17)) return s + 17;
    }
    return p + 1;
  }

  // p: the '-' between a word and four dash-joined octets. Returns the end of the reported name,
  // or 0.
  std::size_t address_host(std::size_t p) {
    std::size_t q = p;
    for (int octet = 0; octet < 4; ++octet) {
      if (at(q) != '-') return 0;
      const std::size_t d = digits_from(q + 1);
      if (d == q + 1 || d - q - 1 > 3) return 0;
      if (d - q - 1 > 1 && t_[q + 1] == '0') return 0;
      unsigned value = 0;
      for (std::size_t k = q + 1; k < d; ++k) value = value * 10 + static_cast<unsigned>(t_[k] - '0');
      if (value > 255) return 0;
      q = d;
    }
    if (is_alnum(at(q)) || at(q) == '_' || (at(q) == '-' && is_alnum(at(q + 1)))) return 0;
    std::size_t s = p;
    while (s > 0 && p - s < 63 && (is_alnum(t_[s - 1]) || t_[s - 1] == '-')) --s;
    while (s < p && !is_alpha(t_[s])) ++s;
    if (p - s < 2 || (s > 0 && (t_[s - 1] == '.' || t_[s - 1] == '_' || t_[s - 1] == '/'))) return 0;
    // A domain after it belongs to the name: "ip-10-0-3-17.ec2.internal" (the dot handler
    // reports that whole name; this one is then dropped as the shorter overlap).
    if (!emit(PiiType::Hostname, s, q)) return 0;
    return q;
  }

  // p: a '+'. International (and "+1") phone numbers.
  std::size_t plus(std::size_t p) {
    if (!on(PiiType::PhoneNumber) || at(p + 1) < '1' || at(p + 1) > '9') return p + 1;
    if (p > 0 && (is_alnum(t_[p - 1]) || t_[p - 1] == '+')) return p + 1;
    const std::size_t cc_end = digits_from(p + 1);
    if (cc_end - p - 1 >= 8) {  // compact E.164: +14155550123
      if (cc_end - p - 1 <= 15 && emit(PiiType::PhoneNumber, p, cc_end)) return cc_end;
      return cc_end;
    }
    if (cc_end - p - 1 > 3) return cc_end;
    // Groups: separator, optional "(", 1-8 digits, optional ")".
    std::array<std::size_t, 6> ends{};
    std::size_t groups = 0;
    std::size_t e = cc_end;
    while (groups < ends.size()) {
      std::size_t q = e;
      if (at(q) != ' ' && at(q) != '.' && at(q) != '-') break;
      ++q;
      const bool paren = at(q) == '(';
      if (paren) ++q;
      const std::size_t d = digits_from(q);
      if (d == q || d - q > 8) break;
      q = d;
      if (paren) {
        if (at(q) != ')') break;
        ++q;
      }
      e = q;
      ends[groups++] = e;
    }
    for (std::size_t g = groups; g >= 2; --g) {
      if (emit(PiiType::PhoneNumber, p, ends[g - 1])) return ends[g - 1];
    }
    return cc_end;
  }

  // Cisco notation "hhhh.hhhh.hhhh" starting at s; returns its end if reported, else 0.
  std::size_t cisco_mac(std::size_t s) {
    if (s + 14 > n_ || t_[s + 4] != '.' || t_[s + 9] != '.' || !on(PiiType::MacAddress)) return 0;
    for (std::size_t k = 0; k < 14; ++k) {
      if (k == 4 || k == 9 ? t_[s + k] != '.' : !is_hex(t_[s + k])) return 0;
    }
    return emit(PiiType::MacAddress, s, s + 14) ? s + 14 : 0;
  }

  // p: a '.'. A host name is reported once, at the dot before its last label.
  std::size_t dot(std::size_t p) {
    if (p >= 4) {
      if (const auto e = cisco_mac(p - 4)) return e;
    }
    if (!on(PiiType::Hostname)) return p + 1;
    std::size_t l = p + 1;
    while (l < n_ && is_alpha(t_[l])) ++l;
    const std::size_t label_len = l - p - 1;
    if (label_len < 2 || label_len > 24) return l > p + 1 ? l : p + 1;
    const char after = at(l);
    if (is_digit(after) || after == '-' || after == '_') return l;
    if (after == '.' && is_alnum(at(l + 1))) return p + 1;  // not the last label yet
    if (p == 0 || !is_alnum(t_[p - 1])) return l;
    char suffix[24];
    for (std::size_t k = 0; k < label_len; ++k) suffix[k] = static_cast<char>(t_[p + 1 + k] | 0x20);
    if (!is_known_host_suffix(std::string_view(suffix, label_len))) return l;
    std::size_t s = p;
    while (s > 0 && is_host_char(t_[s - 1]) && p - s < 253) --s;
    while (s < p && !is_alnum(t_[s])) ++s;
    // Every label must start and end with a letter or digit.
    for (std::size_t k = s; k < p; ++k) {
      if (t_[k] == '.' && (!is_alnum(t_[k - 1]) || !is_alnum(t_[k + 1]))) {
        s = k + 1;  // keep the well-formed tail: "a-.b.example.com" -> "b.example.com"
      }
    }
    if (s >= p) return l;
    emit(PiiType::Hostname, s, l);
    return l;
  }

  // p: an '@'.
  std::size_t at_sign(std::size_t p) {
    if (!on(PiiType::Email)) return p + 1;
    std::size_t s = p;
    while (s > 0 && is_email_local_char(t_[s - 1]) && p - s < 64) --s;
    std::size_t e = p + 1;
    while (e < n_ && is_host_char(t_[e]) && e - p < 254) ++e;
    while (e > p + 1 && !is_alpha(t_[e - 1])) --e;  // trailing '.', '-' or digits
    if (s == p || e <= p + 1) return p + 1;
    if (s > 0 && is_email_local_char(t_[s - 1])) return p + 1;  // local part longer than 64 bytes
    const auto domain = t_.substr(p + 1, e - p - 1);
    const auto last_dot = domain.rfind('.');
    if (last_dot == std::string_view::npos || last_dot == 0) return p + 1;
    for (std::size_t k = last_dot + 1; k < domain.size(); ++k) {
      if (!is_alpha(domain[k])) return p + 1;
    }
    emit(PiiType::Email, s, e);
    return p + 1;
  }

  std::string_view t_;
  std::size_t n_;
  const PiiTypeSet& enabled_;
  std::vector<Finding>& out_;
};

}  // namespace

bool uses_structured_scanner(const PiiTypeSet& enabled) {
  for (auto type : {PiiType::Ipv4, PiiType::Ipv6, PiiType::MacAddress, PiiType::Ssn, PiiType::CreditCard,
                    PiiType::PhoneNumber, PiiType::Email, PiiType::Hostname}) {
    if (contains(enabled, type)) return true;
  }
  return false;
}

void scan_structured_values(std::string_view text, const PiiTypeSet& enabled, std::vector<Finding>& out) {
  Scanner(text, enabled, out).run();
}

}  // namespace tftsr::pii
