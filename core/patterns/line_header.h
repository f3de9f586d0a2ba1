#pragma once
// Finds where the message of a log line starts, without being told the format: it walks the
// first tokens and recognises what headers are made of (timestamps in ISO-8601, syslog, Apache,
// Android, Spark, HDFS and epoch form; levels; pids and `name[123]:` tags; thread names and
// components in brackets; `-` separators) and stops at the first plain words. Also reads the
// timestamp and the level it finds there.
#include <cstdint>
#include <optional>
#include <string_view>

#include "core/patterns/log_level.h"

namespace tftsr::patterns {

struct LineHeader {
  std::size_t message_begin = 0;     // line.substr(message_begin) is the message
  std::optional<std::int64_t> time;  // seconds since 1970-01-01, the log's own clock read as UTC
  LogLevel level = LogLevel::Unknown;
};

// `default_year` stands in for timestamps that carry no year (syslog, Android).
LineHeader parse_line_header(std::string_view line, int default_year);

// The timestamp in a header text, if one of the common forms is there.
std::optional<std::int64_t> parse_header_time(std::string_view header, int default_year);

// Seconds since 1970-01-01 of a civil date and time (proleptic Gregorian, UTC).
std::int64_t civil_to_unix(int year, int month, int day, int hour, int minute, int second);

}  // namespace tftsr::patterns
