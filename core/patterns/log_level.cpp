#include "core/patterns/log_level.h"

#include <array>
#include <cctype>

namespace tftsr::patterns {

std::optional<LogLevel> parse_log_level(std::string_view token, bool single_letter) {
  if (token.size() == 1) {
    if (!single_letter) return std::nullopt;
    switch (token[0]) {
      case 'V': return LogLevel::Trace;
      case 'D': return LogLevel::Debug;
      case 'I': return LogLevel::Info;
      case 'W': return LogLevel::Warning;
      case 'E': return LogLevel::Error;
      case 'F': case 'A': return LogLevel::Critical;
      default: return std::nullopt;
    }
  }
  if (token.size() > 11) return std::nullopt;
  std::array<char, 12> lower{};
  for (std::size_t i = 0; i < token.size(); ++i)
    lower[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(token[i])));
  const std::string_view t(lower.data(), token.size());
  struct Name {
    std::string_view name;
    LogLevel level;
  };
  static constexpr Name kNames[] = {
      {"trace", LogLevel::Trace},      {"verbose", LogLevel::Trace},    {"debug", LogLevel::Debug},
      {"dbg", LogLevel::Debug},        {"fine", LogLevel::Debug},       {"info", LogLevel::Info},
      {"information", LogLevel::Info}, {"notice", LogLevel::Notice},    {"warn", LogLevel::Warning},
      {"warning", LogLevel::Warning},  {"error", LogLevel::Error},      {"err", LogLevel::Error},
      {"severe", LogLevel::Error},     {"fatal", LogLevel::Critical},   {"crit", LogLevel::Critical},
      {"critical", LogLevel::Critical}, {"alert", LogLevel::Critical},  {"emerg", LogLevel::Critical},
      {"panic", LogLevel::Critical},
  };
  for (const auto& n : kNames)
    if (n.name == t) return n.level;
  return std::nullopt;
}

std::string_view log_level_name(LogLevel level) {
  switch (level) {
    case LogLevel::Unknown: return "";
    case LogLevel::Trace: return "TRACE";
    case LogLevel::Debug: return "DEBUG";
    case LogLevel::Info: return "INFO";
    case LogLevel::Notice: return "NOTICE";
    case LogLevel::Warning: return "WARNING";
    case LogLevel::Error: return "ERROR";
    case LogLevel::Critical: return "CRITICAL";
  }
  return "";
}

bool is_error_or_worse(LogLevel level) { return level >= LogLevel::Error; }

}  // namespace tftsr::patterns
