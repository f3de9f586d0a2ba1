#pragma once
// The severity a log line declares in its header, recognised from the common spellings
// (ERROR, err, E, Warning, WARN, W, notice, FATAL, CRIT, ...).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace tftsr::patterns {

// Ordered by severity: a template takes the most severe level of its lines.
enum class LogLevel : std::uint8_t { Unknown, Trace, Debug, Info, Notice, Warning, Error, Critical };
inline constexpr std::size_t kLogLevelCount = 8;

// The level a header token names, or nullopt. `single_letter` accepts Android-style V/D/I/W/E/F.
std::optional<LogLevel> parse_log_level(std::string_view token, bool single_letter = false);
std::string_view log_level_name(LogLevel level);  // "ERROR", "WARNING", ...; "" for Unknown
bool is_error_or_worse(LogLevel level);

}  // namespace tftsr::patterns
