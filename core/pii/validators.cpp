#include "core/pii/validators.h"

#include <cstdint>
#include <string>

namespace tftsr::pii {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_hex(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool in_range(std::string_view digits, std::size_t len, int low, int high) {
  if (digits.size() < len) return false;
  const int v = std::stoi(std::string(digits.substr(0, len)));
  return v >= low && v <= high;
}

bool known_issuer(std::string_view d) {
  const auto n = d.size();
  if (d[0] == '4') return n == 13 || n == 16 || n == 19;                       // Visa
  if (in_range(d, 2, 51, 55) || in_range(d, 4, 2221, 2720)) return n == 16;  // Mastercard
  if (starts_with(d, "34") || starts_with(d, "37")) return n == 15;           // Amex
  if (starts_with(d, "6011") || starts_with(d, "65") || in_range(d, 3, 644, 649))
    return n >= 16 && n <= 19;                                                // Discover
  if (in_range(d, 4, 3528, 3589)) return n >= 16 && n <= 19;                  // JCB
  if (starts_with(d, "36") || starts_with(d, "38") || in_range(d, 3, 300, 305))
    return n >= 14 && n <= 19;                                                // Diners
  if (starts_with(d, "62")) return n >= 16 && n <= 19;                         // UnionPay
  return false;
}

}  // namespace

bool luhn_valid(std::string_view number) {
  int sum = 0;
  int count = 0;
  bool double_it = false;
  for (auto it = number.rbegin(); it != number.rend(); ++it) {
    const char c = *it;
    if (c == ' ' || c == '-') continue;
    if (!is_digit(c)) return false;
    int v = c - '0';
    if (double_it) {
      v *= 2;
      if (v > 9) v -= 9;
    }
    sum += v;
    double_it = !double_it;
    ++count;
  }
  return count > 1 && sum % 10 == 0;
}

bool is_plausible_card_number(std::string_view number) {
  std::string digits;
  char separator = 0;
  for (char c : number) {
    if (is_digit(c)) {
      digits += c;
    } else if (c == ' ' || c == '-') {
      if (separator != 0 && separator != c) return false;
      separator = c;
    } else {
      return false;
    }
  }
  if (digits.size() < 13 || digits.size() > 19) return false;
  if (separator != 0) {
    // Groups must be at least 4 digits (4-4-4-4, 4-6-5, 4-4-4-4-3): refuses "12 34 56 ..." ids.
    std::size_t group = 0;
    for (char c : number) {
      if (is_digit(c)) {
        ++group;
      } else {
        if (group < 4) return false;
        group = 0;
      }
    }
    if (group < 3) return false;
  }
  return known_issuer(digits) && luhn_valid(digits);
}

bool is_valid_ipv4(std::string_view text) {
  int parts = 0;
  std::size_t i = 0;
  while (true) {
    const std::size_t begin = i;
    int value = 0;
    while (i < text.size() && is_digit(text[i]) && i - begin < 3) value = value * 10 + (text[i++] - '0');
    const std::size_t len = i - begin;
    if (len == 0 || value > 255 || (len > 1 && text[begin] == '0')) return false;
    ++parts;
    if (i == text.size()) break;
    if (text[i] != '.' || parts == 4) return false;
    ++i;
  }
  return parts == 4;
}

bool is_valid_ipv6(std::string_view text) {
  if (const auto percent = text.find('%'); percent != std::string_view::npos) {
    const auto zone = text.substr(percent + 1);
    if (zone.empty()) return false;
    for (char c : zone) {
      const bool ok = is_hex(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
                      c == '.' || c == '-';
      if (!ok) return false;
    }
    text = text.substr(0, percent);
  }
  if (text.size() < 2) return false;
  int groups = 0;          // 16-bit groups written out
  bool compressed = false;
  std::size_t i = 0;
  if (starts_with(text, "::")) {
    compressed = true;
    i = 2;
    if (i == text.size()) return true;
  } else if (text[0] == ':') {
    return false;
  }
  while (i < text.size()) {
    const std::size_t begin = i;
    while (i < text.size() && is_hex(text[i]) && i - begin < 5) ++i;
    const std::size_t len = i - begin;
    if (i < text.size() && text[i] == '.') {
      // Embedded IPv4 takes the last 32 bits.
      if (!is_valid_ipv4(text.substr(begin))) return false;
      groups += 2;
      i = text.size();
      break;
    }
    if (len == 0 || len > 4) return false;
    ++groups;
    if (i == text.size()) break;
    if (text[i] != ':') return false;
    ++i;
    if (i < text.size() && text[i] == ':') {
      if (compressed) return false;
      compressed = true;
      ++i;
    } else if (i == text.size()) {
      return false;  // trailing single colon
    }
  }
  return compressed ? groups <= 7 : groups == 8;
}

bool is_valid_ssn(std::string_view text) {
  if (text.size() != 11 || text[3] != '-' || text[6] != '-') return false;
  for (std::size_t i : {0, 1, 2, 4, 5, 7, 8, 9, 10}) {
    if (!is_digit(text[i])) return false;
  }
  const auto area = text.substr(0, 3);
  if (area == "000" || area == "666" || area[0] == '9') return false;
  if (text.substr(4, 2) == "00" || text.substr(7, 4) == "0000") return false;
  return true;
}

bool is_basic_auth_credential(std::string_view base64) {
  auto sextet = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (is_digit(c)) return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  while (!base64.empty() && base64.back() == '=') base64.remove_suffix(1);
  if (base64.size() < 4) return false;
  std::string decoded;
  std::uint32_t bits = 0;
  int nbits = 0;
  for (char c : base64) {
    const int v = sextet(c);
    if (v < 0) return false;
    bits = (bits << 6) | static_cast<std::uint32_t>(v);
    nbits += 6;
    if (nbits >= 8) {
      nbits -= 8;
      decoded += static_cast<char>((bits >> nbits) & 0xFF);
    }
  }
  const auto colon = decoded.find(':');
  if (colon == std::string::npos || colon == 0) return false;
  for (unsigned char c : decoded) {
    if (c < 0x20 || c == 0x7F) return false;
  }
  return true;
}

bool is_reserved_ipv4(std::string_view text) {
  std::uint32_t address = 0;
  int octets = 0;
  unsigned octet = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '.') {
      address = (address << 8) | (octet & 0xff);
      ++octets;
      octet = 0;
    } else if (text[i] >= '0' && text[i] <= '9') {
      octet = octet * 10 + static_cast<unsigned>(text[i] - '0');
      if (octet > 255) return false;
    } else {
      return false;
    }
  }
  if (octets != 4) return false;
  if (address == 0 || (address >> 24) == 127) return true;
  // A netmask: ones then zeros, starting with at least 255.
  if ((address >> 24) != 255) return false;
  const std::uint32_t inverted = ~address;
  return (inverted & (inverted + 1)) == 0;
}

bool is_reserved_ipv6(std::string_view text) {
  const auto zone = text.find('%');
  if (zone != std::string_view::npos) text = text.substr(0, zone);
  int ones = 0;
  for (char c : text) {
    if (c == ':' || c == '0') continue;
    if (c != '1') return false;
    ++ones;
  }
  // Only zeros and at most one '1', and the '1' must be the last group's value.
  return ones == 0 || (ones == 1 && text.back() == '1' && text[text.size() - 2] == ':');
}

}  // namespace tftsr::pii
